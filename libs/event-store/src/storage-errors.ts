/**
 * What a SQLite failure says about the storage under it, from the error's result code. better-sqlite3's
 * SqliteError is bound to the realm that first loaded the addon (under jest it is not always `instanceof Error`),
 * so only its `code` is trusted. Used by the SQLite event store and by the read models, which are SQLite too.
 */
export type StorageFailure =
  /** The disk is full, failing, locked past busy_timeout, read-only, out of memory: retry later. */
  | 'unavailable'
  /** The file is damaged or is not a database: retrying cannot help. */
  | 'corrupt';

const UNAVAILABLE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|NOMEM|PROTOCOL)(_|$)/;
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)(_|$)/;

/** The SQLite result code of an error (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`...), or null for any other error. */
export function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** The kind of storage failure an error reports, or null when it is not one (a constraint, a bad statement...). */
export function storageFailure(error: unknown): StorageFailure | null {
  const code = sqliteCode(error);
  if (code === null) return null;
  if (CORRUPT.test(code)) return 'corrupt';
  return UNAVAILABLE.test(code) ? 'unavailable' : null;
}

/** An error's message, also for a SqliteError of another realm (not `instanceof Error`, see above). */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
