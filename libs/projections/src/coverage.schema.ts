import type Database from 'better-sqlite3';

/** Tables of the coverage facts: each carries the `position` and `recorded_at` of the event that recorded it. */
export const COVERAGE_SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_periods (
  agreement_id TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
  start TEXT NOT NULL, "end" TEXT NOT NULL, termination_date TEXT, last_covered_day TEXT NOT NULL,
  PRIMARY KEY (agreement_id, position)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_members (
  nik TEXT NOT NULL, agreement_id TEXT NOT NULL, cohort_id TEXT NOT NULL, name TEXT NOT NULL,
  occupation TEXT NOT NULL, village_code TEXT NOT NULL, declared_income INTEGER NOT NULL,
  covered_from TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
  PRIMARY KEY (nik, agreement_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_coverage_groups (
  agreement_id TEXT NOT NULL, position INTEGER NOT NULL, covered_from TEXT NOT NULL,
  declared_income INTEGER NOT NULL, recorded_at TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, position, covered_from, declared_income)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_coverage_exits (
  agreement_id TEXT NOT NULL, nik TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
  last_day TEXT NOT NULL, reason TEXT NOT NULL,
  PRIMARY KEY (agreement_id, nik, position)) WITHOUT ROWID;
`;

/** The coverage projection's statements, prepared once per database. */
export class CoverageStatements {
  readonly period: Database.Statement;
  readonly periodAt: Database.Statement;
  readonly periodBefore: Database.Statement;
  readonly member: Database.Statement;
  readonly agreementsOf: Database.Statement;
  readonly group: Database.Statement;
  readonly groupsAt: Database.Statement;
  readonly exit: Database.Statement;
  readonly exitsAt: Database.Statement;

  constructor(db: Database.Database) {
    this.period = db.prepare(`INSERT OR REPLACE INTO rm_periods
      (agreement_id, position, recorded_at, start, "end", termination_date, last_covered_day) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.periodAt = db.prepare(`SELECT start, "end", termination_date, last_covered_day FROM rm_periods
      WHERE agreement_id = ? AND recorded_at <= ? ORDER BY position DESC LIMIT 1`);
    this.periodBefore = db.prepare(`SELECT start, "end", termination_date, last_covered_day FROM rm_periods
      WHERE agreement_id = ? AND position < ? ORDER BY position DESC LIMIT 1`);
    this.member = db.prepare(`INSERT INTO rm_members (nik, agreement_id, cohort_id, name, occupation,
      village_code, declared_income, covered_from, position, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.agreementsOf = db.prepare('SELECT agreement_id FROM rm_members WHERE nik = ? ORDER BY agreement_id').pluck();
    this.group = db.prepare(`INSERT OR REPLACE INTO rm_coverage_groups
      (agreement_id, position, covered_from, declared_income, recorded_at, count) VALUES (?, ?, ?, ?, ?, ?)`);
    this.groupsAt = db.prepare(`SELECT covered_from, declared_income, SUM(count) AS count FROM rm_coverage_groups
      WHERE agreement_id = ? AND recorded_at <= ? GROUP BY covered_from, declared_income`);
    this.exit = db.prepare(`INSERT OR REPLACE INTO rm_coverage_exits
      (agreement_id, nik, position, recorded_at, last_day, reason) VALUES (?, ?, ?, ?, ?, ?)`);
    this.exitsAt = db.prepare(`SELECT m.covered_from, m.declared_income, MIN(e.last_day) AS last_day
      FROM rm_coverage_exits e JOIN rm_members m ON m.nik = e.nik AND m.agreement_id = e.agreement_id
      WHERE e.agreement_id = ? AND e.recorded_at <= ? GROUP BY e.nik`);
  }
}
