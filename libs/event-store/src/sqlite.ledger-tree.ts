import type { Database, Statement } from 'better-sqlite3';
import { StoreInconsistencyError } from './event-store.errors';
import type { IdempotencyClaim, RecordedEvent } from './event-store.port';
import { hashBinding, hashLeaf, logLeafOf, type LogLeaf } from './ledger/log-leaf';
import { MerkleFrontier, subtreesOf } from './ledger/merkle-frontier';
import { nodeHash } from './ledger/merkle-hashes';
import type { LogStorage } from './ledger/stored-transparency-log';

/**
 * Interior nodes of 2^4 = 16 leaves and more are stored; smaller ones are recomputed from at most 8 stored leaves
 * when a proof needs them. That keeps the tree at about one stored hash per leaf, not two.
 */
export const STORED_FROM_LEVEL = 4;

const BUILD_PAGE = 5_000;

interface LeafRow {
  readonly position: number;
  readonly stream_id: string;
  readonly version: number;
  readonly hash: string;
  readonly key: string | null;
  readonly request_hash: string | null;
}

/**
 * The transparency log of {@link SqliteEventStore}, in the store's own file and transactions: `ledger_leaves` (one
 * row per event: its leaf hash, and the stream, version and idempotency binding it covered, which let `verify`
 * name what a deleted event was and tell what changed) and `ledger_nodes` (complete subtrees from
 * {@link STORED_FROM_LEVEL} up).
 *
 * Appends extend the tree's right edge (the frontier) in memory: O(log n) hashes and about two row inserts per
 * event. The frontier is read from the file at the start of a group commit whenever the log's size is not the
 * one it was left at (another process appended), so it never builds on a stale edge.
 */
export class SqliteLedgerTree implements LogStorage {
  private frontier: MerkleFrontier | null = null;
  private readonly countLeaves: Statement<[], number>;
  private readonly selectLeaf: Statement<[position: number], Buffer>;
  private readonly selectLeaves: Statement<[after: number, last: number], Buffer>;
  private readonly selectNode: Statement<[level: number, index: number], Buffer>;
  private readonly insertLeaf: Statement<[number, Buffer, string, number, Buffer | null]>;
  private readonly insertNode: Statement<[level: number, index: number, hash: Buffer]>;
  private readonly selectLeafSource: Statement<[position: number], LeafRow>;
  private readonly selectLeafSources: Statement<[after: number, limit: number], LeafRow>;

  constructor(private readonly db: Database) {
    this.countLeaves = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM ledger_leaves').pluck();
    this.selectLeaf = db.prepare<[number], Buffer>('SELECT leaf_hash FROM ledger_leaves WHERE position = ?').pluck();
    this.selectLeaves = db
      .prepare<[number, number], Buffer>(
        'SELECT leaf_hash FROM ledger_leaves WHERE position > ? AND position <= ? ORDER BY position',
      )
      .pluck();
    this.selectNode = db
      .prepare<[number, number], Buffer>('SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?')
      .pluck();
    this.insertLeaf = db.prepare(
      'INSERT INTO ledger_leaves (position, leaf_hash, stream_id, version, idempotency_hash) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertNode = db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)');
    const source = `SELECT e.position, e.stream_id, e.version, e.hash, i.key, i.request_hash FROM events e
       LEFT JOIN idempotency_keys i ON i.position = e.position`;
    this.selectLeafSource = db.prepare(`${source} WHERE e.position = ? LIMIT 1`);
    this.selectLeafSources = db.prepare(`${source} WHERE e.position > ? ORDER BY e.position LIMIT ?`);
  }

  /**
   * Inside a group commit's transaction, before its appends: the log must end where the events end (else the
   * file was edited behind the store's back, and nothing may be built on it).
   * @throws StoreInconsistencyError when they disagree.
   */
  begin(headPosition: number): void {
    const leaves = this.countLeaves.get() ?? 0;
    if (leaves !== headPosition) {
      throw new StoreInconsistencyError(
        `the ledger's log records ${leaves} events and its events end at position ${headPosition}`,
        { damage: 'log', logSize: leaves, headPosition },
      );
    }
    if (this.frontier?.size === leaves) return;
    const edge = subtreesOf(leaves).map((s) => ({ ...s, hash: this.node(s.level, s.index) }));
    this.frontier = MerkleFrontier.of(leaves, edge);
  }

  /** The frontier before an append, to go back to if its savepoint rolls back. */
  mark(): MerkleFrontier | null {
    return this.frontier?.copy() ?? null;
  }

  reset(mark: MerkleFrontier | null): void {
    this.frontier = mark;
  }

  /** Forgets the frontier (a group commit failed whole); the next group reads it from the file. */
  invalidate(): void {
    this.frontier = null;
  }

  /** Adds the leaves of events just inserted, inside the append's savepoint; the claim binds to the last one. */
  append(events: readonly RecordedEvent[], claim: IdempotencyClaim | undefined): void {
    const frontier = this.frontier;
    if (frontier === null) throw new Error('SqliteLedgerTree.append outside a group commit');
    events.forEach((event, i) => {
      const leaf = logLeafOf(event, i === events.length - 1 ? claim : undefined);
      this.add(frontier, leaf);
    });
  }

  /** Builds the log of a file written before it existed (schema 2), in the migration's transaction. */
  build(): void {
    this.frontier = MerkleFrontier.empty();
    for (let after = 0; ;) {
      const rows = this.selectLeafSources.all(after, BUILD_PAGE);
      if (rows.length === 0) break;
      for (const row of rows) this.add(this.frontier, toLeaf(row));
      after = rows[rows.length - 1].position;
    }
  }

  leafCount(): number {
    return this.countLeaves.get() ?? 0;
  }

  leafAt(position: number): LogLeaf {
    const row = this.selectLeafSource.get(position);
    if (row === undefined) throw missing(`event at position ${position}`);
    return toLeaf(row);
  }

  node(level: number, index: number): Buffer {
    if (level === 0) return this.selectLeaf.get(index + 1) ?? throwMissing(`leaf ${index + 1}`);
    if (level >= STORED_FROM_LEVEL) return this.selectNode.get(level, index) ?? throwMissing(`node ${level}/${index}`);
    const width = 2 ** level;
    const leaves = this.selectLeaves.all(index * width, (index + 1) * width);
    if (leaves.length !== width) throw missing(`leaves ${index * width + 1} to ${(index + 1) * width}`);
    return foldComplete(leaves);
  }

  private add(frontier: MerkleFrontier, leaf: LogLeaf): void {
    const hash = hashLeaf(leaf);
    frontier.append(hash, (node) => {
      if (node.level === 0) {
        const binding = leaf.idempotency ? hashBinding(leaf.idempotency) : null;
        this.insertLeaf.run(leaf.position, hash, leaf.streamId, leaf.version, binding);
      } else if (node.level >= STORED_FROM_LEVEL) {
        this.insertNode.run(node.level, node.index, node.hash);
      }
    });
  }
}

export function toLeaf(row: LeafRow): LogLeaf {
  const source = { position: row.position, streamId: row.stream_id, version: row.version, hash: row.hash };
  const claim = row.key === null ? null : { key: row.key, requestHash: row.request_hash ?? '' };
  return logLeafOf(source, claim);
}

/** The root of a complete subtree from its leaves, level by level. */
function foldComplete(hashes: readonly Buffer[]): Buffer {
  let level = hashes;
  while (level.length > 1)
    level = level.filter((_, i) => i % 2 === 0).map((left, i) => nodeHash(left, level[2 * i + 1]));
  return level[0];
}

function missing(what: string): StoreInconsistencyError {
  return new StoreInconsistencyError(`the ledger's log has no ${what}`, { damage: 'log', missing: what });
}

function throwMissing(what: string): never {
  throw missing(what);
}
