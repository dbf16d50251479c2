import { createHash } from 'node:crypto';
import { MerkleFrontier, subtreesOf, type SubtreeRoot } from './merkle-frontier';
import { EMPTY_ROOT, leafHash, nodeHash, splitPoint } from './merkle-hashes';
import { verifyConsistency, verifyInclusion } from './merkle-proof-check';
import { consistencyPath, inclusionPath, rootAt, type MerkleNodes } from './merkle-proofs';

/** RFC 9162 2.1.1's definition, recursively over the leaf hashes: the reference the incremental code must equal. */
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0];
  const k = splitPoint(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const leaves = Array.from({ length: 70 }, (_, i) => leafHash(`event ${i}`));

/** The nodes a store keeps: every subtree the frontier completes while the leaves are appended. */
function grow(count: number): { frontier: MerkleFrontier; nodes: MerkleNodes & { stored: number } } {
  const stored = new Map<string, Buffer>();
  const frontier = MerkleFrontier.empty();
  for (const leaf of leaves.slice(0, count)) {
    frontier.append(leaf, (node) => stored.set(`${node.level}/${node.index}`, node.hash));
  }
  const nodes = {
    stored: stored.size,
    node(level: number, index: number) {
      const hash = stored.get(`${level}/${index}`);
      if (!hash) throw new Error(`node ${level}/${index} was never completed`);
      return hash;
    },
  };
  return { frontier, nodes };
}

describe('the Merkle tree of RFC 9162', () => {
  it('has the hash of nothing as the root of an empty tree, and a leaf as the root of a tree of one', () => {
    expect(MerkleFrontier.empty().root()).toEqual(EMPTY_ROOT);
    expect(grow(1).frontier.root()).toEqual(leaves[0]);
  });

  it('gives the roots of the test vectors of RFC 6962 implementations (eight leaves, from the empty input up)', () => {
    const inputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    const frontier = MerkleFrontier.empty();
    const roots = inputs.map((hex) => {
      frontier.append(leafHash(Buffer.from(hex, 'hex')));
      return frontier.root().toString('hex');
    });
    expect([roots[0], roots[3], roots[7]]).toEqual([
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ]);
  });

  it('keeps the root of every size equal to the recursive definition, appending one leaf at a time', () => {
    for (let n = 0; n <= leaves.length; n++) {
      const { frontier, nodes } = grow(n);
      expect(frontier.root()).toEqual(mth(leaves.slice(0, n)));
      expect(rootAt(nodes, n)).toEqual(mth(leaves.slice(0, n)));
      // Every earlier size's root is answered from the nodes the bigger tree stored.
      if (n > 0) expect(rootAt(nodes, n - 1)).toEqual(mth(leaves.slice(0, n - 1)));
    }
  });

  it('stores fewer than two nodes per leaf and resumes from its right edge alone', () => {
    const { frontier, nodes } = grow(70);
    expect(nodes.stored).toBeLessThan(2 * 70);
    const edge = subtreesOf(70).map(({ level, index }): SubtreeRoot => ({
      level,
      index,
      hash: nodes.node(level, index),
    }));
    const resumed = MerkleFrontier.of(70, edge);
    expect(resumed.root()).toEqual(frontier.root());
    expect(() => MerkleFrontier.of(71, edge)).toThrow(/not the right edge/);
  });

  it('gives every leaf of every tree size an audit path that verifies, and fails a wrong leaf, index or root', () => {
    for (const size of [1, 2, 3, 5, 8, 13, 31, 32, 33, 70]) {
      const { nodes } = grow(size);
      const root = mth(leaves.slice(0, size));
      for (let i = 0; i < size; i++) {
        const path = inclusionPath(nodes, i, size);
        expect(verifyInclusion(i, size, leaves[i], path, root)).toBe(true);
        expect(verifyInclusion(i, size, leafHash('forged'), path, root)).toBe(false);
        expect(verifyInclusion(i, size, leaves[i], path, leafHash('other root'))).toBe(false);
        if (size > 1) expect(verifyInclusion((i + 1) % size, size, leaves[i], path, root)).toBe(false);
      }
    }
  });

  it('proves every smaller tree a prefix of a bigger one, and fails a rewritten history or a truncated proof', () => {
    for (let to = 1; to <= 40; to++) {
      const { nodes } = grow(to);
      const toRoot = mth(leaves.slice(0, to));
      for (let from = 1; from <= to; from++) {
        const fromRoot = mth(leaves.slice(0, from));
        const path = consistencyPath(nodes, from, to);
        expect(verifyConsistency(from, to, fromRoot, toRoot, path)).toBe(true);
        const rewritten = mth([leafHash('rewritten'), ...leaves.slice(1, from)]);
        expect(verifyConsistency(from, to, rewritten, toRoot, path)).toBe(false);
        if (path.length > 0) expect(verifyConsistency(from, to, fromRoot, toRoot, path.slice(1))).toBe(false);
      }
    }
  });

  it('refuses proofs for leaves or sizes outside the tree', () => {
    const { nodes } = grow(5);
    expect(() => inclusionPath(nodes, 5, 5)).toThrow(RangeError);
    expect(() => consistencyPath(nodes, 0, 5)).toThrow(RangeError);
    expect(() => consistencyPath(nodes, 4, 3)).toThrow(RangeError);
    expect(verifyInclusion(-1, 5, leaves[0], [], leaves[0])).toBe(false);
    expect(verifyConsistency(3, 2, leaves[0], leaves[0], [leaves[1]])).toBe(false);
  });
});
