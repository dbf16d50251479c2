import Database from 'better-sqlite3';

/** Every row of every `rm_*` table, ordered by all its columns: two dumps are equal when the read models are. */
export function dumpReadModels(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm\\_%' ESCAPE '\\' ORDER BY name`)
      .pluck()
      .all() as string[];
    const dump: Record<string, unknown[]> = {};
    for (const table of tables) {
      const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
      dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.map((c) => `"${c}"`).join(', ')}`).all();
    }
    return dump;
  } finally {
    db.close();
  }
}

/** Tables whose rows differ between two dumps, with their row counts: empty when they are equal. */
export function differingTables(live: Record<string, unknown[]>, rebuilt: Record<string, unknown[]>): string[] {
  const names = [...new Set([...Object.keys(live), ...Object.keys(rebuilt)])].sort();
  return names
    .filter((name) => JSON.stringify(live[name] ?? null) !== JSON.stringify(rebuilt[name] ?? null))
    .map(
      (name) => `${name}: ${live[name]?.length ?? 'missing'} live rows, ${rebuilt[name]?.length ?? 'missing'} rebuilt`,
    );
}
