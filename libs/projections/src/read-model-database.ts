import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Page cache of a read-model connection, KiB: member tables are written in NIK order, not insertion order. */
const CACHE_KIB = 64 * 1024;

export interface ReadModelDatabaseOptions {
  /** Bulk load (a rebuild): durability across a process kill only. */
  readonly bulk?: boolean;
}

/**
 * The SQLite database of the read models. It is derived data: every table can be rebuilt from the events, so
 * `synchronous=NORMAL` (durable across a process kill, not a power loss) is enough; checkpoints commit in the
 * same transaction as the rows they cover.
 */
export function openReadModelDatabase(path: string, options: ReadModelDatabaseOptions = {}): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // A rebuild writes a generation nobody reads yet: a process kill loses nothing (the OS has the pages), and
    // after a power loss the rebuild starts that generation again.
    db.pragma(options.bulk ? 'synchronous = OFF' : 'synchronous = NORMAL');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('busy_timeout = 5000');
    resetIfOlderSchema(db);
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID`);
  } catch (error) {
    // A damaged file is set aside by the caller: no connection may stay open on it.
    db.close();
    throw error;
  }
  return db;
}

/**
 * A read-only connection to a read-model file, for queries: it sees what the runner's transactions committed,
 * never one under way, and cannot write. The file and its tables must exist (the writing connection opens first).
 */
export function openReadModelReader(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = -${CACHE_KIB}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The position each named read model has committed (0 for one that has not committed yet). */
export function committedCheckpoints(db: Database.Database, names: readonly string[]): Map<string, number> {
  const rows = db.prepare('SELECT name, position FROM projection_checkpoints').all() as {
    name: string;
    position: number;
  }[];
  const byName = new Map(rows.map((row) => [row.name, row.position]));
  return new Map(names.map((name) => [name, byName.get(name) ?? 0]));
}

/**
 * Version of the read-model tables; a file written by another version is emptied and rebuilt from the events.
 * 13 stored double funding's lists as JSONB and was taken back (json() checks only a JSONB value's header, so a
 * damaged list could reach an answer); 14 is 12's tables again, so that no file of 13 is kept.
 */
export const READ_MODEL_SCHEMA_VERSION = 14;

function resetIfOlderSchema(db: Database.Database): void {
  if (db.pragma('user_version', { simple: true }) === READ_MODEL_SCHEMA_VERSION) return;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  db.transaction(() => {
    for (const table of tables) db.exec(`DROP TABLE "${table}"`);
    db.pragma(`user_version = ${READ_MODEL_SCHEMA_VERSION}`);
  })();
}
