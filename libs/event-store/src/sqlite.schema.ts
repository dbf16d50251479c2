import type { Database } from 'better-sqlite3';

/** Schema version written to `PRAGMA user_version`; bump it and add a step to MIGRATIONS to change the schema. */
export const SCHEMA_VERSION = 2;

/** MIGRATIONS[i] moves a database from user_version i to i + 1. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    position      INTEGER PRIMARY KEY,
    stream_id     TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    event_id      TEXT    NOT NULL UNIQUE,
    type          TEXT    NOT NULL,
    data          TEXT    NOT NULL,
    metadata      TEXT    NOT NULL,
    hash          TEXT    NOT NULL,
    previous_hash TEXT,
    UNIQUE (stream_id, version)
  );
  CREATE TABLE streams (
    stream_id TEXT    PRIMARY KEY,
    version   INTEGER NOT NULL,
    last_hash TEXT    NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE idempotency_keys (
    key          TEXT    PRIMARY KEY,
    request_hash TEXT    NOT NULL,
    stream_id    TEXT    NOT NULL,
    from_version INTEGER NOT NULL,
    to_version   INTEGER NOT NULL,
    position     INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: the index of keys derived from events (filled by the store from its indexer), reactors' checkpoints.
  `
  CREATE TABLE event_index (
    key        TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    unique_key INTEGER NOT NULL,
    PRIMARY KEY (key, position)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX event_index_unique ON event_index (key) WHERE unique_key = 1;
  CREATE TABLE checkpoints (
    name     TEXT    PRIMARY KEY,
    position INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
];

/**
 * Brings the database up to {@link SCHEMA_VERSION}. Runs under BEGIN IMMEDIATE so that two processes
 * opening a fresh file at once cannot both create the tables.
 * @throws Error when the file was written by a newer version of this code.
 */
export function migrate(db: Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(`event store schema version ${current} is newer than this code supports (${SCHEMA_VERSION})`);
    }
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    // PRAGMA takes no bound parameters; the value is a constant of this module.
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
