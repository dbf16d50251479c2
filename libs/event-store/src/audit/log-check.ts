import { hashBinding, hashLeaf, type LogLeaf } from '../ledger/log-leaf';
import { MerkleFrontier, subtreesOf, type SubtreeRoot } from '../ledger/merkle-frontier';
import { nodeHash } from '../ledger/merkle-hashes';
import type { AuditSource, RawEvent, StoredLeaf } from './audit-source.port';
import type { Findings, TamperKind } from './findings';
import { LogNodesCheck } from './log-nodes-check';
import { Peekable } from './peekable';

/**
 * Each event's leaf against the leaf the log recorded at its position, telling an event rewritten (rehashed)
 * from one moved there from elsewhere (a reorder across streams) from an idempotency record changed, and naming
 * deleted events from the log's record of them; and the root of the events' own tree, which the signed heads are
 * checked against.
 */
export class LogCheck {
  readonly tree: MerkleFrontier;
  private readonly leaves: Peekable<StoredLeaf>;
  private readonly nodes: LogNodesCheck;

  constructor(
    source: AuditSource,
    private readonly findings: Findings,
    start: { size: number; edge: SubtreeRoot[] },
  ) {
    this.tree = MerkleFrontier.of(start.size, start.edge);
    this.leaves = new Peekable(source.leaves(start.size));
    this.nodes = new LogNodesCheck(source, findings, start);
  }

  /**
   * Positions from..to hold no event: each one the log recorded is named as deleted.
   * @returns how many of them the log recorded.
   */
  missing(from: number, to: number): number {
    const recorded = this.take((l) => l.position <= to).filter((l) => l.position >= from);
    for (const leaf of recorded) {
      this.findings.add({
        kind: 'event-missing',
        position: leaf.position,
        streamId: leaf.streamId,
        version: leaf.version,
        detail: `the log recorded ${leaf.streamId} version ${leaf.version} at position ${leaf.position}; it is gone: deleted`,
      });
    }
    return recorded.length;
  }

  check(raw: RawEvent, leaf: LogLeaf): void {
    const hash = hashLeaf(leaf);
    this.tree.append(hash);
    this.take((l) => l.position < raw.position);
    const [stored] = this.take((l) => l.position === raw.position);
    if (stored === undefined)
      return this.report(
        raw,
        'event-forged',
        `the log never recorded an event at position ${raw.position}: ${describe(raw)} was inserted behind the store`,
      );
    if (stored.leafHash.equals(hash)) return;
    if (stored.streamId !== raw.streamId || stored.version !== raw.version) {
      return this.report(
        raw,
        'events-reordered',
        `${describe(raw)} is at position ${raw.position}, where the log recorded ${describe(stored)}`,
      );
    }
    this.changed(raw, stored, leaf);
  }

  /** Leaves the log recorded after the last event: it held more events than the store does now. */
  finish(lastPosition: number): void {
    const beyond = this.take(() => true);
    this.leaves.close();
    this.nodes.finish();
    if (beyond.length === 0) return;
    const [first] = beyond;
    this.findings.add({
      kind: 'log-truncated',
      position: first.position,
      streamId: first.streamId,
      version: first.version,
      detail: `the log recorded ${beyond.length} events after position ${lastPosition} that the store no longer holds, from ${describe(first)}`,
    });
  }

  /** Every stored leaf is taken through here, in order, so that the log's own nodes are checked on the way. */
  private take(belongs: (leaf: StoredLeaf) => boolean): StoredLeaf[] {
    const taken = this.leaves.takeWhile(belongs);
    for (const leaf of taken) this.nodes.add(leaf);
    return taken;
  }

  private changed(raw: RawEvent, stored: StoredLeaf, leaf: LogLeaf): void {
    const now = leaf.idempotency ? hashBinding(leaf.idempotency) : null;
    const sameBinding = now === null ? stored.idempotencyHash === null : stored.idempotencyHash?.equals(now) === true;
    if (sameBinding) {
      return this.report(
        raw,
        'event-rewritten',
        `${describe(raw)} at position ${raw.position} is not the event the log recorded there: edited and its hash recomputed`,
      );
    }
    this.report(
      raw,
      'idempotency-record-mismatch',
      `the Idempotency-Key record of the append ending at position ${raw.position} is not the one the log recorded (edited, removed or added)`,
    );
  }

  private report(raw: RawEvent, kind: TamperKind, detail: string): void {
    this.findings.add({ kind, position: raw.position, streamId: raw.streamId, version: raw.version, detail });
  }
}

function describe(event: { streamId: string; version: number }): string {
  return `${event.streamId} version ${event.version}`;
}

/** The right edge of the log at `size` as the log stored it, for a check that starts there. */
export function storedEdge(source: AuditSource, size: number): SubtreeRoot[] {
  return subtreesOf(size).map(({ level, index }) => {
    const width = 2 ** level;
    const hash =
      level >= source.storedFromLevel
        ? source.node(level, index)
        : foldLeaves(source.leafHashesBetween(index * width, (index + 1) * width), width);
    if (hash === undefined) throw new Error(`the log has no subtree ${level}/${index}`);
    return { level, index, hash };
  });
}

export function foldLeaves(leaves: Buffer[], width: number): Buffer | undefined {
  if (leaves.length !== width) return undefined;
  let level = leaves;
  while (level.length > 1)
    level = level.filter((_, i) => i % 2 === 0).map((left, i) => nodeHash(left, level[2 * i + 1]));
  return level[0];
}
