import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint } from './merkle-hashes';

/**
 * Where a tree's stored hashes come from: the root of a complete subtree of 2^level leaves, the `index`-th of its
 * level. Only subtrees that are complete in the tree asked about are ever requested.
 */
export interface MerkleNodes {
  node(level: number, index: number): Buffer;
}

/**
 * RFC 9162 proofs (sections 2.1.3.1 and 2.1.4.1) computed from stored complete subtrees: O(log n) node reads,
 * never a rescan of the log. Ranges are half-open leaf intervals [start, end).
 */

/** MTH(D[0:size]). */
export function rootAt(nodes: MerkleNodes, size: number): Buffer {
  return size === 0 ? EMPTY_ROOT : rangeHash(nodes, 0, size);
}

/** MTH(D[start:end]) for the ranges the RFC's recursion visits (start aligned on the split of the range). */
export function rangeHash(nodes: MerkleNodes, start: number, end: number): Buffer {
  const width = end - start;
  if (isPowerOfTwo(width) && start % width === 0) return nodes.node(Math.round(Math.log2(width)), start / width);
  if (width < 2) throw new Error(`no subtree covers leaves [${start}, ${end})`);
  const k = splitPoint(width);
  return nodeHash(rangeHash(nodes, start, start + k), rangeHash(nodes, start + k, end));
}

/** PATH(index, D[0:size]): the audit path of a leaf, from the leaf's sibling up to the root's children. */
export function inclusionPath(nodes: MerkleNodes, index: number, size: number): Buffer[] {
  assertLeafInTree(index, size);
  const path: Buffer[] = [];
  let [start, end] = [0, size];
  // The RFC's recursion, unrolled top-down; it lists siblings bottom-up, hence the unshift.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.unshift(rangeHash(nodes, start + k, end));
      end = start + k;
    } else {
      path.unshift(rangeHash(nodes, start, start + k));
      start += k;
    }
  }
  return path;
}

/** PROOF(from, D[0:to]): the consistency path proving that the tree of `from` leaves is a prefix of `to`'s. */
export function consistencyPath(nodes: MerkleNodes, from: number, to: number): Buffer[] {
  assertSizes(from, to);
  if (from === to) return [];
  return subproof(nodes, from, 0, to, true);
}

/** SUBPROOF(m, D[start:end], complete): `complete` is true while D[start:start+m] is a subtree of the old tree. */
function subproof(nodes: MerkleNodes, m: number, start: number, end: number, complete: boolean): Buffer[] {
  const n = end - start;
  if (m === n) return complete ? [] : [rangeHash(nodes, start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(nodes, m, start, start + k, complete), rangeHash(nodes, start + k, end)];
  return [...subproof(nodes, m - k, start + k, end, false), rangeHash(nodes, start, start + k)];
}

function assertLeafInTree(index: number, size: number): void {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  }
}

function assertSizes(from: number, to: number): void {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || from > to) {
    throw new RangeError(`no consistency proof from a tree of ${from} leaves to one of ${to}`);
  }
}
