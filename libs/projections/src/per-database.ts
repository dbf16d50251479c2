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
