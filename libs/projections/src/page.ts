import type Database from 'better-sqlite3';

/** A page of a long answer: at most `limit` items after skipping `offset`. Totals always cover every match. */
export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export const FIRST_PAGE: Page = { limit: 100, offset: 0 };

/**
 * Runs one query on the live read models: a long list read a page at a time asks for each page anew, so that a
 * generation swapped in meanwhile (a rebuild) is read from then on, and no statement stays open between pages.
 */
export type ReadModelsReader = <T>(query: (db: Database.Database) => T) => T;
