import type { SignedTreeHead } from '../ledger/tree-head';
import type { Findings } from './findings';

/** A signed tree head to hold the log to, where it came from, and whether its signature verified. */
export interface HeadToCheck {
  readonly head: SignedTreeHead;
  /** Where the head was kept: the service's heads file, or the file an auditor gave. */
  readonly from: string;
  readonly signatureValid: boolean;
}

/**
 * The signed tree heads, in size order, checked as the events' tree reaches each one's size: the defence against
 * someone who rewrites history consistently (events, chains and log alike) with the project's own code.
 */
export class HeadCheck {
  private readonly pending: HeadToCheck[];
  private lastGood: number;
  checked = 0;

  constructor(
    private readonly findings: Findings,
    heads: readonly HeadToCheck[],
    startSize: number,
  ) {
    this.lastGood = startSize;
    for (const invalid of heads.filter((h) => !h.signatureValid)) this.reportInvalid(invalid);
    this.pending = heads
      .filter((h) => h.signatureValid && h.head.treeSize > startSize)
      .sort((a, b) => a.head.treeSize - b.head.treeSize);
  }

  /** After the events' tree reached `size` leaves, with `root` its root. */
  at(size: number, root: () => string): void {
    while (this.pending.length > 0 && this.pending[0].head.treeSize === size) {
      const { head, from } = this.pending.shift() as HeadToCheck;
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

  private reportInvalid({ head, from }: HeadToCheck): void {
    this.findings.add({
      kind: 'signed-head-invalid',
      position: null,
      streamId: null,
      detail: `the head of ${head.treeSize} events dated ${head.timestamp} (${from}) is not signed by the ledger's key`,
    });
  }
}
