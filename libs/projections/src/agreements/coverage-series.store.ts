import type Database from 'better-sqlite3';
import { coverageDeltas, monthlyCoverage, type CoverageFacts } from '@pks/domain';

/** Series tables: per agreement, and per province so that national and provincial queries add up 38 rows, not 1,000. */
export const COVERAGE_SERIES_SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_agreements_month (
  agreement_id TEXT NOT NULL, month TEXT NOT NULL, covered INTEGER NOT NULL, expected INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, month)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_agreements_day_delta (
  agreement_id TEXT NOT NULL, day TEXT NOT NULL, delta INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_agreements_province_month (
  province TEXT NOT NULL, month TEXT NOT NULL, covered INTEGER NOT NULL, expected INTEGER NOT NULL,
  PRIMARY KEY (province, month)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_agreements_province_day_delta (
  province TEXT NOT NULL, day TEXT NOT NULL, delta INTEGER NOT NULL,
  PRIMARY KEY (province, day)) WITHOUT ROWID;
`;

interface MonthRow {
  month: string;
  covered: number;
  expected: number;
}
interface DeltaRow {
  day: string;
  delta: number;
}

/**
 * The current coverage series of agreements: months (covered members, expected premium) and the change points of
 * the daily count. Rewriting an agreement's series takes its old rows out of its province's totals and puts the
 * new ones in, so rewriting the same facts twice changes nothing.
 */
export class CoverageSeriesStore {
  private readonly provinceOf: Database.Statement;
  private readonly months: Database.Statement;
  private readonly deltas: Database.Statement;
  private readonly deleteMonths: Database.Statement;
  private readonly deleteDeltas: Database.Statement;
  private readonly insertMonth: Database.Statement;
  private readonly insertDelta: Database.Statement;
  private readonly addProvinceMonth: Database.Statement;
  private readonly addProvinceDelta: Database.Statement;
  private readonly dropEmptyProvinceRows: Database.Transaction<(province: string) => void>;

  constructor(db: Database.Database) {
    this.provinceOf = db.prepare('SELECT province FROM rm_agreements WHERE agreement_id = ?').pluck();
    this.months = db.prepare('SELECT month, covered, expected FROM rm_agreements_month WHERE agreement_id = ?');
    this.deltas = db.prepare('SELECT day, delta FROM rm_agreements_day_delta WHERE agreement_id = ?');
    this.deleteMonths = db.prepare('DELETE FROM rm_agreements_month WHERE agreement_id = ?');
    this.deleteDeltas = db.prepare('DELETE FROM rm_agreements_day_delta WHERE agreement_id = ?');
    this.insertMonth = db.prepare(
      'INSERT INTO rm_agreements_month (agreement_id, month, covered, expected) VALUES (?, ?, ?, ?)',
    );
    this.insertDelta = db.prepare('INSERT INTO rm_agreements_day_delta (agreement_id, day, delta) VALUES (?, ?, ?)');
    this.addProvinceMonth =
      db.prepare(`INSERT INTO rm_agreements_province_month (province, month, covered, expected) VALUES (?, ?, ?, ?)
      ON CONFLICT (province, month) DO UPDATE SET covered = covered + excluded.covered, expected = expected + excluded.expected`);
    this.addProvinceDelta =
      db.prepare(`INSERT INTO rm_agreements_province_day_delta (province, day, delta) VALUES (?, ?, ?)
      ON CONFLICT (province, day) DO UPDATE SET delta = delta + excluded.delta`);
    // Totals that came back to nothing are removed, so that the tables depend on the facts alone, not on history.
    const emptyMonths = db.prepare(
      'DELETE FROM rm_agreements_province_month WHERE province = ? AND covered = 0 AND expected = 0',
    );
    const emptyDeltas = db.prepare('DELETE FROM rm_agreements_province_day_delta WHERE province = ? AND delta = 0');
    this.dropEmptyProvinceRows = db.transaction((province: string) => {
      emptyMonths.run(province);
      emptyDeltas.run(province);
    });
  }

  /** Replaces an agreement's series by those of its facts (or by nothing, when it has none). */
  rewrite(agreementId: string, facts: CoverageFacts | null): void {
    const province = this.provinceOf.get(agreementId) as string | undefined;
    if (province === undefined) return;
    for (const m of this.months.all(agreementId) as MonthRow[])
      this.addProvinceMonth.run(province, m.month, -m.covered, -m.expected);
    for (const d of this.deltas.all(agreementId) as DeltaRow[]) this.addProvinceDelta.run(province, d.day, -d.delta);
    this.deleteMonths.run(agreementId);
    this.deleteDeltas.run(agreementId);
    if (facts === null) {
      this.dropEmptyProvinceRows(province);
      return;
    }
    for (const m of monthlyCoverage(facts)) {
      this.insertMonth.run(agreementId, m.month, m.coveredMembers, m.expected);
      this.addProvinceMonth.run(province, m.month, m.coveredMembers, m.expected);
    }
    for (const d of coverageDeltas(facts)) {
      this.insertDelta.run(agreementId, d.day, d.delta);
      this.addProvinceDelta.run(province, d.day, d.delta);
    }
    this.dropEmptyProvinceRows(province);
  }
}
