import type Database from 'better-sqlite3';
import { doubleFundingOf, memberCoverageWindow, type Enrolment } from '@pks/domain';
import { WorkerEnrolmentsReader } from './worker-enrolments.reader';

/**
 * Keeps the double-funding report (rule 11) current: only workers enrolled in more than one agreement are
 * followed; a batch recomputes the workers it touched (enrolled again, coverage ended early, income corrected,
 * or their agreement's period changed). Recomputing from the coverage facts makes a repeated batch change nothing.
 */
export class DoubleFundingTracker {
  private readonly niks = new Set<string>();
  private readonly agreements = new Set<string>();
  private readonly sql: ReturnType<typeof prepare>;
  private readonly enrolments: WorkerEnrolmentsReader;

  constructor(db: Database.Database) {
    this.sql = prepare(db);
    this.enrolments = new WorkerEnrolmentsReader(db);
  }

  /** The worker is now enrolled in all of these agreements. */
  enrolledIn(nik: string, agreementIds: readonly string[]): void {
    for (const agreementId of agreementIds) this.sql.follow.run(agreementId, nik);
    this.niks.add(nik);
  }

  /** The worker's coverage or its price changed in this agreement. */
  coverageChanged(agreementId: string, nik: string): void {
    if (this.sql.isFollowed.get(agreementId, nik) !== undefined) this.niks.add(nik);
  }

  periodChanged(agreementId: string): void {
    this.agreements.add(agreementId);
  }

  /** Forgets what this batch touched: a bulk load recomputes every worker at its end ({@link recomputeAll}). */
  skip(): void {
    this.agreements.clear();
    this.niks.clear();
  }

  /** Follows and recomputes every worker enrolled in more than one agreement, found by one query. */
  recomputeAll(): void {
    for (const [nik, agreements] of this.sql.enrolledMoreThanOnce.raw().all() as [string, string][])
      this.enrolledIn(nik, JSON.parse(agreements) as string[]);
    this.flush();
  }

  flush(): void {
    for (const agreementId of this.agreements)
      for (const nik of this.sql.followedIn.all(agreementId) as string[]) this.niks.add(nik);
    for (const nik of this.niks) this.recompute(nik);
    this.agreements.clear();
    this.niks.clear();
  }

  private recompute(nik: string): void {
    const rows = this.enrolments.of(nik);
    const enrolments: Enrolment[] = rows.map((row) => ({
      agreementId: row.agreementId,
      declaredIncome: row.declaredIncome,
      incomeTimeline: row.incomeTimeline,
      coveredFrom: row.coveredFrom,
      coveredTo: memberCoverageWindow(row.coveredFrom, row.lastCoveredDay, row.exit?.lastDay).to,
    }));
    const old = this.sql.current.get(nik) as { premium: number } | undefined;
    if (old !== undefined) this.count(this.sql.provinces.all(nik) as string[], -1, -old.premium);
    this.sql.clear.run(nik);
    this.sql.clearRegions.run(nik);
    const found = doubleFundingOf(enrolments);
    if (found !== null) {
      const { agreements, months, byMonth, premiumPaidTwice } = found;
      this.sql.insert.run(
        nik,
        JSON.stringify(agreements),
        JSON.stringify(months),
        JSON.stringify(byMonth),
        premiumPaidTwice,
      );
      for (const row of rows.filter((r) => agreements.includes(r.agreementId)))
        this.sql.region.run(nik, row.agreementId, row.regionCode, row.province);
      this.count(this.sql.provinces.all(nik) as string[], 1, premiumPaidTwice);
    }
    this.sql.dropEmptyTotals.run();
  }

  /** Totals kept for the country ('' scope) and for each province the worker's agreements are in. */
  private count(provinces: readonly string[], workers: number, premium: number): void {
    for (const scope of new Set(['', ...provinces])) this.sql.addTotals.run(scope, workers, premium);
  }
}

function prepare(db: Database.Database) {
  return {
    follow: db.prepare('INSERT INTO rm_agreements_followed (agreement_id, nik) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    isFollowed: db.prepare('SELECT 1 FROM rm_agreements_followed WHERE agreement_id = ? AND nik = ?').pluck(),
    enrolledMoreThanOnce: db.prepare(`SELECT nik, json_group_array(agreement_id) FROM rm_agreements_members
      GROUP BY nik HAVING COUNT(*) > 1`),
    followedIn: db.prepare('SELECT nik FROM rm_agreements_followed WHERE agreement_id = ?').pluck(),
    current: db.prepare('SELECT premium FROM rm_agreements_double_funding WHERE nik = ?'),
    provinces: db.prepare('SELECT DISTINCT province FROM rm_agreements_double_funding_regions WHERE nik = ?').pluck(),
    clear: db.prepare('DELETE FROM rm_agreements_double_funding WHERE nik = ?'),
    clearRegions: db.prepare('DELETE FROM rm_agreements_double_funding_regions WHERE nik = ?'),
    insert: db.prepare(`INSERT INTO rm_agreements_double_funding (nik, agreements, months, by_month, premium)
      VALUES (?, ?, ?, ?, ?)`),
    region: db.prepare(`INSERT INTO rm_agreements_double_funding_regions (nik, agreement_id, region_code, province)
      VALUES (?, ?, ?, ?)`),
    addTotals: db.prepare(`INSERT INTO rm_agreements_double_funding_totals (scope, count, premium) VALUES (?, ?, ?)
      ON CONFLICT (scope) DO UPDATE SET count = count + excluded.count, premium = premium + excluded.premium`),
    dropEmptyTotals: db.prepare('DELETE FROM rm_agreements_double_funding_totals WHERE count = 0'),
  };
}
