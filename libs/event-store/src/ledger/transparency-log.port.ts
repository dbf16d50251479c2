import type { LogLeaf } from './log-leaf';

/**
 * The store's transparency log (RFC 9162): a Merkle tree over every event's {@link LogLeaf}, in position order,
 * kept by the store in the same atomic write as the events. Leaf number i (from 0) is the event at position
 * i + 1 on the stores that offer it (SQLite, in-memory). Hashes are lowercase hex.
 */
export interface TransparencyLog {
  /** Leaves in the log: the events the store holds. */
  size(): Promise<number>;
  /** MTH of the first `treeSize` leaves. @throws RangeError beyond the log's size. */
  rootHash(treeSize: number): Promise<string>;
  /** The leaf of the event at `position`, as its stored event and idempotency record make it now. */
  leaf(position: number): Promise<LogLeaf>;
  /** @throws RangeError unless 1 <= position <= treeSize <= size. */
  inclusionProof(position: number, treeSize: number): Promise<InclusionProof>;
  /** @throws RangeError unless 1 <= from <= to <= size. */
  consistencyProof(from: number, to: number): Promise<ConsistencyProof>;
}

export interface InclusionProof {
  readonly position: number;
  /** position - 1: the leaf's index in the tree. */
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leaf: LogLeaf;
  /** RFC 9162 inclusion path, from the leaf's sibling upwards. */
  readonly auditPath: string[];
}

export interface ConsistencyProof {
  readonly from: number;
  readonly to: number;
  /** RFC 9162 consistency path (empty when from = to). */
  readonly consistencyPath: string[];
}

/** A store that keeps a transparency log of its events. */
export interface HasTransparencyLog {
  transparencyLog(): TransparencyLog;
}
