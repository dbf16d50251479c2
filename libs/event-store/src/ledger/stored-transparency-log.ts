import type { LogLeaf } from './log-leaf';
import { toHex } from './merkle-hashes';
import { consistencyPath, inclusionPath, rootAt, type MerkleNodes } from './merkle-proofs';
import type { ConsistencyProof, InclusionProof, TransparencyLog } from './transparency-log.port';

/** What an adapter keeps of its log: the nodes, how many leaves, and each leaf as its stored event makes it. */
export interface LogStorage extends MerkleNodes {
  leafCount(): number;
  leafAt(position: number): LogLeaf;
}

/**
 * The {@link TransparencyLog} over an adapter's stored nodes. Storage calls are synchronous (one SQLite read each);
 * `guard` maps their failures to the port's errors.
 */
export class StoredTransparencyLog implements TransparencyLog {
  constructor(
    private readonly storage: LogStorage,
    private readonly guard: <T>(read: () => T) => T = (read) => read(),
  ) {}

  async size(): Promise<number> {
    return this.guard(() => this.storage.leafCount());
  }

  async rootHash(treeSize: number): Promise<string> {
    return this.guard(() => {
      this.assertWithin(treeSize, 0);
      return toHex(rootAt(this.storage, treeSize));
    });
  }

  async leaf(position: number): Promise<LogLeaf> {
    return this.guard(() => {
      this.assertWithin(position, 1);
      return this.storage.leafAt(position);
    });
  }

  async inclusionProof(position: number, treeSize: number): Promise<InclusionProof> {
    return this.guard(() => {
      this.assertWithin(treeSize, 1);
      if (!Number.isSafeInteger(position) || position < 1 || position > treeSize) {
        throw new RangeError(`position ${position} is not in a tree of ${treeSize} events`);
      }
      const leaf = this.storage.leafAt(position);
      const auditPath = inclusionPath(this.storage, position - 1, treeSize).map(toHex);
      return { position, leafIndex: position - 1, treeSize, leaf, auditPath };
    });
  }

  async consistencyProof(from: number, to: number): Promise<ConsistencyProof> {
    return this.guard(() => {
      this.assertWithin(to, 1);
      return { from, to, consistencyPath: consistencyPath(this.storage, from, to).map(toHex) };
    });
  }

  private assertWithin(size: number, min: number): void {
    const leaves = this.storage.leafCount();
    if (!Number.isSafeInteger(size) || size < min || size > leaves) {
      throw new RangeError(`the log holds ${leaves} events; ${size} is out of range`);
    }
  }
}
