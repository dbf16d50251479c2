import type { Database, Statement } from 'better-sqlite3';
import type { IdempotencyRecord, RecordedEvent } from './event-store.port';

/** A row of `events`, as better-sqlite3 returns it (integers as plain numbers: positions stay far below 2^53). */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly version: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
  readonly previous_hash: string | null;
}

export interface StreamRow {
  readonly version: number;
  readonly last_hash: string;
}

export interface IdempotencyRow {
  readonly key: string;
  readonly request_hash: string;
  readonly stream_id: string;
  readonly from_version: number;
  readonly to_version: number;
  readonly position: number;
}

const EVENT_COLUMNS = 'position, stream_id, version, event_id, type, data, metadata, hash, previous_hash';

/** Every statement of {@link SqliteEventStore}, prepared once per connection. */
export class SqliteStatements {
  readonly selectStream: Statement<[streamId: string], StreamRow>;
  readonly selectLastEvent: Statement<[streamId: string], { version: number; hash: string }>;
  readonly selectHead: Statement<[], number>;
  readonly selectIdempotency: Statement<[key: string], IdempotencyRow>;
  readonly selectEventIdTaken: Statement<[eventId: string], number>;
  readonly insertEvent: Statement<
    [
      position: number,
      streamId: string,
      version: number,
      eventId: string,
      type: string,
      data: string,
      metadata: string,
      hash: string,
      previousHash: string | null,
    ]
  >;
  readonly upsertStream: Statement<[streamId: string, version: number, lastHash: string]>;
  readonly insertIdempotency: Statement<
    [key: string, requestHash: string, streamId: string, fromVersion: number, toVersion: number, position: number]
  >;
  readonly readStream: Statement<[streamId: string, from: number, to: number, limit: number], EventRow>;
  readonly readStreamTypes: Statement<
    [streamId: string, from: number, to: number, types: string, limit: number],
    EventRow
  >;
  readonly readAll: Statement<[after: number, limit: number], EventRow>;
  readonly readTypes: Statement<[after: number, types: string, limit: number], EventRow>;

  constructor(db: Database) {
    this.selectStream = db.prepare('SELECT version, last_hash FROM streams WHERE stream_id = ?');
    // One seek in the UNIQUE (stream_id, version) index.
    this.selectLastEvent = db.prepare(
      'SELECT version, hash FROM events WHERE stream_id = ? ORDER BY version DESC LIMIT 1',
    );
    // MAX over the INTEGER PRIMARY KEY is a single b-tree seek, not a scan.
    this.selectHead = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
    this.selectIdempotency = db.prepare(
      'SELECT key, request_hash, stream_id, from_version, to_version, position FROM idempotency_keys WHERE key = ?',
    );
    this.selectEventIdTaken = db.prepare<[string], number>('SELECT 1 FROM events WHERE event_id = ?').pluck();
    this.insertEvent = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.upsertStream = db.prepare(
      `INSERT INTO streams (stream_id, version, last_hash) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash`,
    );
    this.insertIdempotency = db.prepare(
      `INSERT INTO idempotency_keys (key, request_hash, stream_id, from_version, to_version, position)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.readStream = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?`,
    );
    // The same range, each row's type compared before anything is decoded.
    this.readStreamTypes = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND version >= ? AND version <= ?
       AND type IN (SELECT value FROM json_each(?)) ORDER BY version LIMIT ?`,
    );
    this.readAll = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`);
    // A walk of the rowid order from `after`, comparing each row's type: nothing is decoded but what matches.
    this.readTypes = db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND type IN (SELECT value FROM json_each(?))
       ORDER BY position LIMIT ?`,
    );
  }
}

/** Decodes a row, parsing its JSON columns once. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    version: row.version,
    position: row.position,
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

export function toIdempotencyRecord(row: IdempotencyRow): IdempotencyRecord {
  return {
    key: row.key,
    requestHash: row.request_hash,
    streamId: row.stream_id,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    position: row.position,
  };
}
