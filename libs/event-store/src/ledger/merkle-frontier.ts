import { EMPTY_ROOT, half, nodeHash } from './merkle-hashes';

/** The root of a complete subtree of 2^level leaves, the `index`-th of its level (leaves `index * 2^level`...). */
export interface SubtreeRoot {
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
}

/**
 * The right edge of a Merkle tree: the roots of the complete subtrees that the binary decomposition of its size
 * makes (at most one per level, largest first). It is all an append needs, so a leaf costs O(log n) hashes and
 * the tree never has to be read back; `root()` is RFC 9162's MTH of the whole tree.
 */
export class MerkleFrontier {
  private constructor(
    private readonly roots: SubtreeRoot[],
    private leaves: number,
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier([], 0);
  }

  /**
   * The frontier of a tree of `size` leaves from the roots of its complete subtrees, as {@link subtreesOf} lists
   * them. @throws Error when the roots given are not those subtrees.
   */
  static of(size: number, roots: readonly SubtreeRoot[]): MerkleFrontier {
    const expected = subtreesOf(size);
    const fits =
      roots.length === expected.length &&
      roots.every((r, i) => r.level === expected[i].level && r.index === expected[i].index);
    if (!fits) throw new Error(`these subtree roots are not the right edge of a tree of ${size} leaves`);
    return new MerkleFrontier([...roots], size);
  }

  get size(): number {
    return this.leaves;
  }

  /**
   * Adds the next leaf. `completed` hears every subtree the leaf completes (the leaf itself at level 0, then each
   * interior node it closes, lowest first): what a store keeps to answer proofs without rescanning the log.
   */
  append(leaf: Buffer, completed?: (node: SubtreeRoot) => void): void {
    let node: SubtreeRoot = { level: 0, index: this.leaves, hash: leaf };
    completed?.(node);
    while (this.roots.length > 0 && this.roots[this.roots.length - 1].level === node.level) {
      const left = this.roots.pop() as SubtreeRoot;
      node = { level: node.level + 1, index: half(node.index), hash: nodeHash(left.hash, node.hash) };
      completed?.(node);
    }
    this.roots.push(node);
    this.leaves += 1;
  }

  /** MTH of the tree: the subtree roots folded from the right (RFC 9162 2.1.1). */
  root(): Buffer {
    if (this.roots.length === 0) return EMPTY_ROOT;
    let hash = this.roots[this.roots.length - 1].hash;
    for (let i = this.roots.length - 2; i >= 0; i--) hash = nodeHash(this.roots[i].hash, hash);
    return hash;
  }

  edge(): readonly SubtreeRoot[] {
    return [...this.roots];
  }

  copy(): MerkleFrontier {
    return new MerkleFrontier([...this.roots], this.leaves);
  }
}

/** The complete subtrees a tree of `size` leaves decomposes into, largest (leftmost) first. */
export function subtreesOf(size: number): { level: number; index: number }[] {
  const subtrees: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))) + 1; level >= 0; level--) {
    const width = 2 ** level;
    if (start + width <= size) {
      subtrees.push({ level, index: start / width });
      start += width;
    }
  }
  return subtrees;
}
