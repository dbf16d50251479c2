import type Database from 'better-sqlite3';
import { doubleFundingOf, minDate, type Enrolment } from '@pks/domain';

export const DOUBLE_FUNDING_SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_double_members (
  agreement_id TEXT NOT NULL, nik TEXT NOT NULL, PRIMARY KEY (agreement_id, nik)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_double_funding (
  nik TEXT NOT NULL, agreement_a TEXT NOT NULL, agreement_b TEXT NOT NULL,
  region_a TEXT NOT NULL, region_b TEXT NOT NULL, province_a TEXT NOT NULL, province_b TEXT NOT NULL,
  months TEXT NOT NULL, premium INTEGER NOT NULL,
  PRIMARY KEY (nik, agreement_a, agreement_b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rm_double_funding_province_a ON rm_double_funding (province_a);
CREATE INDEX IF NOT EXISTS rm_double_funding_province_b ON rm_double_funding (province_b);
CREATE TABLE IF NOT EXISTS rm_double_funding_totals (
  scope TEXT PRIMARY KEY, count INTEGER NOT NULL, premium INTEGER NOT NULL) WITHOUT ROWID;
`;

interface EnrolmentRow {
  agreementId: string;
  regionCode: string;
  province: string;
  coveredFrom: string;
  declaredIncome: number;
  lastCoveredDay: string;
  exit: string | null;
}

/**
 * Keeps the double-funding report (rule 11) current: only workers enrolled in more than one agreement are
 * followed; a batch recomputes the workers it touched (enrolled again, coverage ended early, or their agreement's
 * period changed). Recomputing from the coverage facts makes a repeated batch change nothing.
 */
export class DoubleFundingTracker {
  private readonly niks = new Set<string>();
  private readonly agreements = new Set<string>();
  private readonly member: Database.Statement;
  private readonly isFollowed: Database.Statement;
  private readonly followedIn: Database.Statement;
  private readonly enrolments: Database.Statement;
  private readonly clear: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly current: Database.Statement;
  private readonly addTotals: Database.Statement;
  private readonly dropEmptyTotals: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(DOUBLE_FUNDING_SCHEMA);
    this.member = db.prepare('INSERT INTO rm_double_members (agreement_id, nik) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.isFollowed = db.prepare('SELECT 1 FROM rm_double_members WHERE agreement_id = ? AND nik = ?').pluck();
    this.followedIn = db.prepare('SELECT nik FROM rm_double_members WHERE agreement_id = ?').pluck();
    this.enrolments = db.prepare(`SELECT m.agreement_id AS agreementId, r.region_code AS regionCode, r.province,
        m.covered_from AS coveredFrom, m.declared_income AS declaredIncome,
        (SELECT last_covered_day FROM rm_periods p WHERE p.agreement_id = m.agreement_id ORDER BY position DESC LIMIT 1) AS lastCoveredDay,
        (SELECT MIN(last_day) FROM rm_coverage_exits e WHERE e.agreement_id = m.agreement_id AND e.nik = m.nik) AS exit
      FROM rm_members m JOIN rm_coverage_regions r ON r.agreement_id = m.agreement_id WHERE m.nik = ?`);
    this.clear = db.prepare('DELETE FROM rm_double_funding WHERE nik = ?');
    this.current = db.prepare('SELECT province_a AS a, province_b AS b, premium FROM rm_double_funding WHERE nik = ?');
    this.addTotals = db.prepare(`INSERT INTO rm_double_funding_totals (scope, count, premium) VALUES (?, ?, ?)
      ON CONFLICT (scope) DO UPDATE SET count = count + excluded.count, premium = premium + excluded.premium`);
    this.dropEmptyTotals = db.prepare('DELETE FROM rm_double_funding_totals WHERE count = 0');
    this.insert = db.prepare(`INSERT INTO rm_double_funding (nik, agreement_a, agreement_b, region_a, region_b,
      province_a, province_b, months, premium) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /** The worker is now enrolled in all of these agreements. */
  enrolledIn(nik: string, agreementIds: readonly string[]): void {
    for (const agreementId of agreementIds) this.member.run(agreementId, nik);
    this.niks.add(nik);
  }

  coverageEnded(agreementId: string, nik: string): void {
    if (this.isFollowed.get(agreementId, nik) !== undefined) this.niks.add(nik);
  }

  periodChanged(agreementId: string): void {
    this.agreements.add(agreementId);
  }

  flush(): void {
    for (const agreementId of this.agreements)
      for (const nik of this.followedIn.all(agreementId) as string[]) this.niks.add(nik);
    for (const nik of this.niks) this.recompute(nik);
    this.agreements.clear();
    this.niks.clear();
  }

  private recompute(nik: string): void {
    const rows = this.enrolments.all(nik) as EnrolmentRow[];
    const byId = new Map(rows.map((row) => [row.agreementId, row]));
    const enrolments: Enrolment[] = rows.map((row) => ({
      agreementId: row.agreementId,
      declaredIncome: row.declaredIncome,
      coveredFrom: row.coveredFrom,
      coveredTo: row.exit === null ? row.lastCoveredDay : minDate(row.exit, row.lastCoveredDay),
    }));
    for (const old of this.current.all(nik) as { a: string; b: string; premium: number }[])
      this.count(old.a, old.b, -1, -old.premium);
    this.clear.run(nik);
    for (const pair of doubleFundingOf(enrolments)) {
      const [a, b] = [byId.get(pair.agreements[0]) as EnrolmentRow, byId.get(pair.agreements[1]) as EnrolmentRow];
      this.insert.run(
        nik,
        a.agreementId,
        b.agreementId,
        a.regionCode,
        b.regionCode,
        a.province,
        b.province,
        JSON.stringify(pair.months),
        pair.premiumPaidTwice,
      );
      this.count(a.province, b.province, 1, pair.premiumPaidTwice);
    }
    this.dropEmptyTotals.run();
  }

  /** Totals kept for the country ('' scope) and for each province a pair touches, for the report's header. */
  private count(provinceA: string, provinceB: string, pairs: number, premium: number): void {
    for (const scope of new Set(['', provinceA, provinceB])) this.addTotals.run(scope, pairs, premium);
  }
}
