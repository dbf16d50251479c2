import type Database from 'better-sqlite3';

/**
 * Something prepared once per database (statements of a query or a reader), made on first use: queries run
 * thousands of times on the one connection of a generation, and a new generation is a new database.
 */
export function perDatabase<T>(make: (db: Database.Database) => T): (db: Database.Database) => T {
  const made = new WeakMap<Database.Database, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}

/**
 * The statement of this SQL text on a database, prepared on first use: a query that writes SQL for the shape of
 * its filter (so that SQLite picks the index of that shape) prepares each shape once, not on every call.
 */
export const preparedOn = (() => {
  const statements = perDatabase(() => new Map<string, Database.Statement>());
  return (db: Database.Database, sql: string): Database.Statement => {
    const cache = statements(db);
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
})();
