import type { SignedTreeHead } from '../ledger/tree-head';
import type { Findings } from './findings';

/**
 * A signed tree head to hold the log to, where it came from (the service's heads file, a file an auditor gave),
 * and whether its signature verified; or a record where a head was kept that is not one (an edited line).
 */
export type HeadToCheck =
  | { readonly head: SignedTreeHead; readonly from: string; readonly signatureValid: boolean }
  | { readonly from: string; readonly unreadable: string };

type ReadableHead = Extract<HeadToCheck, { head: SignedTreeHead }>;

/**
 * The signed tree heads, in size order, checked as the events' tree reaches each one's size: the defence against
 * someone who rewrites history consistently (events, chains and log alike) with the project's own code.
 */
export class HeadCheck {
  private readonly pending: ReadableHead[];
  private lastGood: number;
  checked = 0;

  constructor(
    private readonly findings: Findings,
    heads: readonly HeadToCheck[],
    startSize: number,
  ) {
    this.lastGood = startSize;
    const readable: ReadableHead[] = [];
    for (const kept of heads) {
      if ('unreadable' in kept) this.reportUnreadable(kept.from, kept.unreadable);
      else if (!kept.signatureValid) this.reportInvalid(kept);
      else if (kept.head.treeSize > startSize) readable.push(kept);
    }
    this.pending = readable.sort((a, b) => a.head.treeSize - b.head.treeSize);
  }

  /** After the events' tree reached `size` leaves, with `root` its root. */
  at(size: number, root: () => string): void {
    while (this.pending.length > 0 && this.pending[0].head.treeSize === size) {
      const { head, from } = this.pending.shift() as ReadableHead;
      this.checked += 1;
      if (root() === head.rootHash) {
        this.lastGood = size;
        continue;
      }
      this.findings.add({
        kind: 'signed-head-mismatch',
        position: this.lastGood + 1,
        streamId: null,
        detail: `the events' root at ${size} events is not the root of the head signed at ${head.timestamp} (${from}): history between positions ${this.lastGood + 1} and ${size} was rewritten, reordered or removed`,
      });
    }
  }

  /** Heads of more events than the store holds. */
  finish(size: number): void {
    for (const { head, from } of this.pending.splice(0)) {
      this.checked += 1;
      this.findings.add({
        kind: 'log-truncated',
        position: size + 1,
        streamId: null,
        detail: `a head signed at ${head.timestamp} (${from}) covers ${head.treeSize} events; the store holds ${size}: its last ${head.treeSize - size} are gone`,
      });
    }
  }

  private reportUnreadable(from: string, why: string): void {
    const detail = `${from} is not a signed tree head (${why}): a kept head was edited`;
    this.findings.add({ kind: 'signed-head-invalid', position: null, streamId: null, detail });
  }

  private reportInvalid({ head, from }: ReadableHead): void {
    this.findings.add({
      kind: 'signed-head-invalid',
      position: null,
      streamId: null,
      detail: `the head of ${head.treeSize} events dated ${head.timestamp} (${from}) is not signed by the ledger's key`,
    });
  }
}
