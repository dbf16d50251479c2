import type Database from 'better-sqlite3';
import { doubleFundingOf, memberCoverageWindow, type Enrolment } from '@pks/domain';
import { WorkerEnrolmentsReader, type WorkerEnrolment } from './worker-enrolments.reader';

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
  private readonly enrolments: WorkerEnrolmentsReader;
  private readonly clear: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly current: Database.Statement;
  private readonly addTotals: Database.Statement;
  private readonly dropEmptyTotals: Database.Statement;

  constructor(db: Database.Database) {
    this.member = db.prepare(
      'INSERT INTO rm_agreements_followed (agreement_id, nik) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    this.isFollowed = db.prepare('SELECT 1 FROM rm_agreements_followed WHERE agreement_id = ? AND nik = ?').pluck();
    this.followedIn = db.prepare('SELECT nik FROM rm_agreements_followed WHERE agreement_id = ?').pluck();
    this.enrolments = new WorkerEnrolmentsReader(db);
    this.clear = db.prepare('DELETE FROM rm_agreements_double_funding WHERE nik = ?');
    this.current = db.prepare(
      'SELECT province_a AS a, province_b AS b, premium FROM rm_agreements_double_funding WHERE nik = ?',
    );
    this.addTotals =
      db.prepare(`INSERT INTO rm_agreements_double_funding_totals (scope, count, premium) VALUES (?, ?, ?)
      ON CONFLICT (scope) DO UPDATE SET count = count + excluded.count, premium = premium + excluded.premium`);
    this.dropEmptyTotals = db.prepare('DELETE FROM rm_agreements_double_funding_totals WHERE count = 0');
    this.insert =
      db.prepare(`INSERT INTO rm_agreements_double_funding (nik, agreement_a, agreement_b, region_a, region_b,
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
    const rows = this.enrolments.of(nik);
    const byId = new Map(rows.map((row) => [row.agreementId, row]));
    const enrolments: Enrolment[] = rows.map((row) => ({
      agreementId: row.agreementId,
      declaredIncome: row.declaredIncome,
      coveredFrom: row.coveredFrom,
      coveredTo: memberCoverageWindow(row.coveredFrom, row.lastCoveredDay, row.exit?.lastDay).to,
    }));
    for (const old of this.current.all(nik) as { a: string; b: string; premium: number }[])
      this.count(old.a, old.b, -1, -old.premium);
    this.clear.run(nik);
    for (const pair of doubleFundingOf(enrolments)) {
      const [a, b] = [byId.get(pair.agreements[0]) as WorkerEnrolment, byId.get(pair.agreements[1]) as WorkerEnrolment];
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
