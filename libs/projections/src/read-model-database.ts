import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The SQLite database of the read models. It is derived data: every table can be rebuilt from the events, so
 * `synchronous=NORMAL` (durable across a process kill, not a power loss) is enough; checkpoints commit in the
 * same transaction as the rows they cover.
 */
export function openReadModelDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID`);
  return db;
}
