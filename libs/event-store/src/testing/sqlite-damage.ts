import Database from 'better-sqlite3';

/** Test helpers that damage SQLite files the way a failing disk would. */

/**
 * Damages a table the way a bad disk sector would: from a second connection, its schema entry is pointed at the
 * root page of an index, so that every later read of the table by any connection finds a malformed b-tree.
 */
export function pointTableAtWrongPage(path: string, table: string): void {
  const db = new Database(path);
  try {
    db.unsafeMode(true);
    const wrong = db
      .prepare(`SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = ? LIMIT 1`)
      .pluck()
      .get(table) as number;
    db.pragma('writable_schema = ON');
    db.prepare('UPDATE sqlite_master SET rootpage = ? WHERE type = ? AND name = ?').run(wrong, 'table', table);
    db.pragma(`schema_version = ${(db.pragma('schema_version', { simple: true }) as number) + 1}`);
  } finally {
    db.close();
  }
}
