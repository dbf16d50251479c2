import { MerkleFrontier, type SubtreeRoot } from '../ledger/merkle-frontier';
import type { AuditSource } from './audit-source.port';
import type { Findings } from './findings';

/**
 * The log's stored interior nodes against its stored leaves: what proofs are answered from must be the hashes of
 * what they cover. A leaf row missing in between ends the check (nothing above it can be recomputed).
 */
export function checkLogNodes(
  source: AuditSource,
  findings: Findings,
  start: { size: number; edge: SubtreeRoot[] },
): void {
  const frontier = MerkleFrontier.of(start.size, start.edge);
  let expected = start.size + 1;
  for (const leaf of source.leaves(start.size)) {
    if (leaf.position !== expected) {
      findings.add({
        kind: 'log-node-mismatch',
        position: expected,
        streamId: null,
        detail: `the log has no leaf at position ${expected} (its next is at ${leaf.position})`,
      });
      return;
    }
    frontier.append(leaf.leafHash, (node) => compare(source, findings, node));
    expected += 1;
  }
  const beyond = source.nodesBeyond(frontier.size);
  if (beyond > 0) {
    findings.add({
      kind: 'log-truncated',
      position: frontier.size + 1,
      streamId: null,
      detail: `the log keeps ${beyond} subtree hashes covering events after position ${frontier.size}, whose leaves are gone`,
    });
  }
}

function compare(source: AuditSource, findings: Findings, node: SubtreeRoot): void {
  if (node.level < source.storedFromLevel) return;
  const stored = source.node(node.level, node.index);
  if (stored?.equals(node.hash)) return;
  const first = node.index * 2 ** node.level + 1;
  findings.add({
    kind: 'log-node-mismatch',
    position: first,
    streamId: null,
    detail: `the log's stored hash of positions ${first} to ${first + 2 ** node.level - 1} is ${stored ? 'not the hash of its leaves' : 'missing'}`,
  });
}
