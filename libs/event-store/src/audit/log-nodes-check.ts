import { MerkleFrontier, type SubtreeRoot } from '../ledger/merkle-frontier';
import type { AuditSource, StoredLeaf } from './audit-source.port';
import type { Findings } from './findings';

/**
 * The log's stored interior nodes against its stored leaves, fed each stored leaf in order: what proofs are
 * answered from must be the hashes of what they cover. A leaf row missing in between ends the check (nothing
 * above it can be recomputed).
 */
export class LogNodesCheck {
  private readonly frontier: MerkleFrontier;
  private expected: number;
  private broken = false;

  constructor(
    private readonly source: AuditSource,
    private readonly findings: Findings,
    start: { size: number; edge: SubtreeRoot[] },
  ) {
    this.frontier = MerkleFrontier.of(start.size, start.edge);
    this.expected = start.size + 1;
  }

  add(leaf: StoredLeaf): void {
    if (this.broken) return;
    if (leaf.position !== this.expected) {
      this.broken = true;
      const detail = `the log has no leaf at position ${this.expected} (its next is at ${leaf.position})`;
      this.findings.add({ kind: 'log-node-mismatch', position: this.expected, streamId: null, detail });
      return;
    }
    this.frontier.append(leaf.leafHash, (node) => this.compare(node));
    this.expected += 1;
  }

  /** Stored nodes that cover leaves the log no longer holds. */
  finish(): void {
    const beyond = this.source.nodesBeyond(this.frontier.size);
    if (this.broken || beyond === 0) return;
    this.findings.add({
      kind: 'log-truncated',
      position: this.frontier.size + 1,
      streamId: null,
      detail: `the log keeps ${beyond} subtree hashes covering events after position ${this.frontier.size}, whose leaves are gone`,
    });
  }

  private compare(node: SubtreeRoot): void {
    if (node.level < this.source.storedFromLevel) return;
    const stored = this.source.node(node.level, node.index);
    if (stored?.equals(node.hash)) return;
    const first = node.index * 2 ** node.level + 1;
    this.findings.add({
      kind: 'log-node-mismatch',
      position: first,
      streamId: null,
      detail: `the log's stored hash of positions ${first} to ${first + 2 ** node.level - 1} is ${stored ? 'not the hash of its leaves' : 'missing'}`,
    });
  }
}
