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
  db.pragma('journal_mode = WAL');
  // A rebuild writes a generation nobody reads yet: a process kill loses nothing (the OS has the pages), and
  // after a power loss the rebuild starts that generation again.
  db.pragma(options.bulk ? 'synchronous = OFF' : 'synchronous = NORMAL');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID`);
  return db;
}
