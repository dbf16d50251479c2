import Database, { type Statement } from 'better-sqlite3';
import type {
  AuditedIdempotencyRecord,
  AuditedIndexRow,
  AuditedStreamRow,
  AuditSource,
  EventRef,
  RawEvent,
  StoredLeaf,
} from './audit/audit-source.port';
import { toStoreError } from './sqlite.error-mapping';
import { STORED_FROM_LEVEL } from './sqlite.ledger-tree';
import { SCHEMA_VERSION } from './sqlite.schema';
import { toRecordedEvent, type EventRow } from './sqlite.statements';

const REF = 'position, stream_id AS streamId, version, hash';

/**
 * The {@link AuditSource} of a SQLite event store file: a read-only connection of its own, inside one read
 * transaction (a consistent snapshot while a service keeps appending), never a writer. Opening it neither migrates
 * nor re-indexes the file: what is audited is what is there.
 */
export class SqliteAuditSource implements AuditSource {
  readonly storedFromLevel = STORED_FROM_LEVEL;
  private readonly db: Database.Database;
  private readonly sql: Record<string, Statement>;

  constructor(path: string) {
    this.db = guardedOpen(path);
    try {
      this.db.pragma('busy_timeout = 5000');
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version < SCHEMA_VERSION) {
        throw new Error(
          `the event store file is at schema ${version}, from before the transparency log: open it once with this version (npm start, or npm run cli -- tree-head) to build its log`,
        );
      }
      this.db.exec('BEGIN');
      this.sql = prepare(this.db);
      this.sql.head.get();
    } catch (error) {
      this.db.close();
      throw toStoreError(error);
    }
  }

  headPosition(): number {
    return this.read(() => (this.sql.head.pluck().get() as number | null) ?? 0);
  }

  *events(after: number): Iterable<RawEvent> {
    for (const row of this.iterate<EventRow>(this.sql.events, after)) {
      yield {
        position: row.position,
        streamId: row.stream_id,
        version: row.version,
        eventId: row.event_id,
        type: row.type,
        dataJson: row.data,
        metadataJson: row.metadata,
        hash: row.hash,
        previousHash: row.previous_hash,
        decode: () => toRecordedEvent(row),
      };
    }
  }

  eventOf(streamId: string, version: number): EventRef | undefined {
    return this.read(() => this.sql.eventOf.get(streamId, version) as EventRef | undefined);
  }

  lastEventBefore(streamId: string, version: number): EventRef | undefined {
    return this.read(() => this.sql.lastBefore.get(streamId, version) as EventRef | undefined);
  }

  eventAt(position: number): EventRef | undefined {
    return this.read(() => this.sql.eventAt.get(position) as EventRef | undefined);
  }

  *leaves(after: number): Iterable<StoredLeaf> {
    yield* this.iterate<StoredLeaf>(this.sql.leaves, after);
  }

  node(level: number, index: number): Buffer | undefined {
    return this.read(() => this.sql.node.pluck().get(level, index) as Buffer | undefined);
  }

  nodesBeyond(size: number): number {
    return this.read(() => this.sql.nodesBeyond.pluck().get(size) as number);
  }

  leafHashesBetween(after: number, last: number): Buffer[] {
    return this.read(() => this.sql.leafRange.pluck().all(after, last) as Buffer[]);
  }

  *idempotencyRecords(after: number): Iterable<AuditedIdempotencyRecord> {
    yield* this.iterate<AuditedIdempotencyRecord>(this.sql.idempotency, after);
  }

  *indexRows(after: number): Iterable<AuditedIndexRow> {
    for (const row of this.iterate<{ key: string; position: number; unique_key: number }>(this.sql.indexRows, after)) {
      yield { key: row.key, position: row.position, unique: row.unique_key === 1 };
    }
  }

  indexBuiltBy(): string | null {
    return this.read(() => (this.sql.indexBuiltBy.pluck().get() as string | undefined) ?? null);
  }

  indexRow(key: string, position: number): AuditedIndexRow | undefined {
    const row = this.read(() => this.sql.indexRow.get(key, position) as { unique_key: number } | undefined);
    return row === undefined ? undefined : { key, position, unique: row.unique_key === 1 };
  }

  *streamRows(): Iterable<AuditedStreamRow> {
    for (const row of this.iterate<StreamJoin>(this.sql.streamRows)) yield toStreamRow(row);
  }

  streamRow(streamId: string): AuditedStreamRow | undefined {
    const row = this.read(() => this.sql.streamRow.get(streamId) as StreamJoin | undefined);
    return row === undefined ? undefined : toStreamRow(row);
  }

  *streamsWithoutRow(): Iterable<EventRef> {
    yield* this.iterate<EventRef>(this.sql.withoutRow);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private read<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  private *iterate<T>(statement: Statement, ...params: unknown[]): Iterable<T> {
    const rows = this.read(() => statement.iterate(...params) as IterableIterator<T>);
    for (;;) {
      const next = this.read(() => rows.next());
      if (next.done) return;
      yield next.value;
    }
  }
}

function guardedOpen(path: string): Database.Database {
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw toStoreError(error);
  }
}

interface StreamJoin {
  stream_id: string;
  version: number | null;
  last_hash: string | null;
  position: number | null;
  last_version: number | null;
  hash: string | null;
}

function toStreamRow(row: StreamJoin): AuditedStreamRow {
  const last =
    row.position === null
      ? null
      : {
          position: row.position,
          streamId: row.stream_id,
          version: row.last_version as number,
          hash: row.hash as string,
        };
  return { streamId: row.stream_id, version: row.version, lastHash: row.last_hash, last };
}

function prepare(db: Database.Database): Record<string, Statement> {
  const lastOf = `LEFT JOIN events e ON e.stream_id = s.stream_id
      AND e.version = (SELECT MAX(version) FROM events WHERE stream_id = s.stream_id)`;
  const streamJoin = `SELECT s.stream_id, s.version, s.last_hash, e.position, e.version AS last_version, e.hash
      FROM streams s ${lastOf}`;
  return {
    head: db.prepare('SELECT MAX(position) FROM events'),
    events: db.prepare(
      `SELECT position, stream_id, version, event_id, type, data, metadata, hash, previous_hash
       FROM events WHERE position > ? ORDER BY position`,
    ),
    eventOf: db.prepare(`SELECT ${REF} FROM events WHERE stream_id = ? AND version = ?`),
    lastBefore: db.prepare(
      `SELECT ${REF} FROM events WHERE stream_id = ? AND version < ? ORDER BY version DESC LIMIT 1`,
    ),
    eventAt: db.prepare(`SELECT ${REF} FROM events WHERE position = ?`),
    leaves: db.prepare(
      `SELECT position, leaf_hash AS leafHash, stream_id AS streamId, version, idempotency_hash AS idempotencyHash
       FROM ledger_leaves WHERE position > ? ORDER BY position`,
    ),
    node: db.prepare('SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?'),
    // A node of level l and index i covers leaves up to (i + 1) * 2^l.
    nodesBeyond: db.prepare('SELECT COUNT(*) FROM ledger_nodes WHERE (idx + 1) * (1 << level) > ?'),
    leafRange: db.prepare('SELECT leaf_hash FROM ledger_leaves WHERE position > ? AND position <= ? ORDER BY position'),
    idempotency: db.prepare(
      `SELECT key, request_hash AS requestHash, stream_id AS streamId, from_version AS fromVersion,
              to_version AS toVersion, position
       FROM idempotency_keys WHERE position > ? ORDER BY position, key`,
    ),
    indexRows: db.prepare(
      'SELECT key, position, unique_key FROM event_index WHERE position > ? ORDER BY position, key',
    ),
    indexRow: db.prepare('SELECT unique_key FROM event_index WHERE key = ? AND position = ?'),
    indexBuiltBy: db.prepare("SELECT value FROM store_meta WHERE key = 'indexer'"),
    streamRows: db.prepare(`${streamJoin} ORDER BY s.stream_id`),
    streamRow: db.prepare(`${streamJoin} WHERE s.stream_id = ?`),
    // One pass over the (stream_id, version) index, not over the events.
    withoutRow: db.prepare(
      `SELECT e.position, e.stream_id AS streamId, e.version, e.hash
       FROM (SELECT stream_id, MAX(version) AS version FROM events GROUP BY stream_id) d
       LEFT JOIN streams s ON s.stream_id = d.stream_id
       JOIN events e ON e.stream_id = d.stream_id AND e.version = d.version
       WHERE s.stream_id IS NULL ORDER BY e.position`,
    ),
  };
}
