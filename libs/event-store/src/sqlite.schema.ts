import type { Database } from 'better-sqlite3';

/** Schema version written to `PRAGMA user_version`; bump it and add a step to MIGRATIONS to change the schema. */
export const SCHEMA_VERSION = 3;

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
  // 3: the transparency log (a Merkle tree over every event, sqlite.ledger-tree.ts), filled from the events by
  // the store after this step; idempotency records found by position (the leaf they are bound into).
  `
  CREATE TABLE ledger_leaves (
    position         INTEGER PRIMARY KEY,
    leaf_hash        BLOB    NOT NULL,
    stream_id        TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    idempotency_hash BLOB
  );
  CREATE TABLE ledger_nodes (
    level INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    hash  BLOB    NOT NULL,
    PRIMARY KEY (level, idx)
  ) WITHOUT ROWID;
  CREATE INDEX idempotency_keys_position ON idempotency_keys (position);
  `,
];

/**
 * Brings the database up to {@link SCHEMA_VERSION}. Runs under BEGIN IMMEDIATE so that two processes
 * opening a fresh file at once cannot both create the tables. `afterSteps` runs in the same transaction with
 * the version the file had, for steps that need code (filling the transparency log from the events).
 * @throws Error when the file was written by a newer version of this code.
 */
export function migrate(db: Database, afterSteps: (fromVersion: number) => void = () => undefined): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(`event store schema version ${current} is newer than this code supports (${SCHEMA_VERSION})`);
    }
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    if (current !== SCHEMA_VERSION) afterSteps(current);
    // PRAGMA takes no bound parameters; the value is a constant of this module.
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
