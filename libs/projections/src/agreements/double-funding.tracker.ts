import type Database from 'better-sqlite3';
import { doubleFundingOf, memberCoverageWindow } from '@pks/domain';
import { WorkerEnrolmentsReader, type WorkerCoverage } from './worker-enrolments.reader';

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
    const totals = new Totals();
    const shapes = new ReportShapes();
    // In NIK order: each round reads and writes neighbouring entries of the NIK-keyed tables and indexes.
    const niks = [...this.niks].sort();
    for (let i = 0; i < niks.length; i += RECOMPUTED_AT_ONCE)
      this.recompute(niks.slice(i, i + RECOMPUTED_AT_ONCE), totals, shapes);
    for (const [scope, { workers, premium }] of totals.changes) this.sql.addTotals.run(scope, workers, premium);
    if (totals.changes.size > 0) this.sql.dropEmptyTotals.run();
    this.agreements.clear();
    this.niks.clear();
  }

  /**
   * Replaces the report rows of these workers (none for a worker no longer doubly funded), a few statements for
   * all of them; the change of the totals goes to `totals`.
   */
  private recompute(niks: readonly string[], totals: Totals, shapes: ReportShapes): void {
    const keys = JSON.stringify(niks);
    const enrolments = this.enrolments.coverageOfMany(niks);
    const oldProvinces = new Map<string, string[]>();
    for (const { nik, province } of this.sql.clearRegions.all(keys) as { nik: string; province: string }[])
      oldProvinces.set(nik, [...(oldProvinces.get(nik) ?? []), province]);
    for (const { nik, premium } of this.sql.clear.all(keys) as { nik: string; premium: number }[])
      totals.add(oldProvinces.get(nik) ?? [], -1, -premium);
    const reports: unknown[] = [];
    const regions: unknown[] = [];
    for (const nik of niks) {
      const rows = enrolments.get(nik) ?? [];
      const report = shapes.reportOf(rows);
      if (report === null) continue;
      reports.push([nik, ...report.columns]);
      const named = rows.filter((row) => report.agreements.includes(row.agreementId));
      for (const row of named) regions.push([nik, row.agreementId, row.regionCode, row.province]);
      totals.add(
        named.map((row) => row.province),
        1,
        report.premium,
      );
    }
    if (reports.length > 0) this.sql.insert.run(JSON.stringify(reports));
    if (regions.length > 0) this.sql.region.run(JSON.stringify(regions));
  }
}

/** Workers recomputed by one round of statements. */
const RECOMPUTED_AT_ONCE = 500;

/** A worker's report row but its NIK: the JSON columns and the premium paid twice. */
interface Report {
  readonly agreements: readonly string[];
  readonly premium: number;
  readonly columns: readonly [agreements: string, months: string, byMonth: string, premium: number];
}

/**
 * Reports by what they are computed from: workers enrolled in the same agreements, from the same day, at the same
 * income and until the same day have the same report (an import of workers all enrolled elsewhere has a few).
 */
class ReportShapes {
  private readonly known = new Map<string, Report | null>();

  reportOf(rows: readonly WorkerCoverage[]): Report | null {
    const enrolments = rows.map((row) => ({
      agreementId: row.agreementId,
      declaredIncome: row.declaredIncome,
      incomeTimeline: row.incomeTimeline,
      coveredFrom: row.coveredFrom,
      coveredTo: memberCoverageWindow(row.coveredFrom, row.lastCoveredDay, row.exit?.lastDay).to,
    }));
    const shape = JSON.stringify(enrolments);
    const known = this.known.get(shape);
    if (known !== undefined) return known;
    const found = doubleFundingOf(enrolments);
    const report =
      found === null
        ? null
        : {
            agreements: found.agreements,
            premium: found.premiumPaidTwice,
            columns: [
              JSON.stringify(found.agreements),
              JSON.stringify(found.months),
              JSON.stringify(found.byMonth),
              found.premiumPaidTwice,
            ] as const,
          };
    if (this.known.size >= MAX_SHAPES) this.known.clear();
    this.known.set(shape, report);
    return report;
  }
}

/** Most report shapes remembered in one flush. */
const MAX_SHAPES = 10_000;

/** Changes of the totals kept for the country ('' scope) and each province a worker's agreements are in. */
class Totals {
  readonly changes = new Map<string, { workers: number; premium: number }>();

  add(provinces: readonly string[], workers: number, premium: number): void {
    for (const scope of new Set(['', ...provinces])) {
      const change = this.changes.get(scope) ?? { workers: 0, premium: 0 };
      this.changes.set(scope, { workers: change.workers + workers, premium: change.premium + premium });
    }
  }
}

function prepare(db: Database.Database) {
  return {
    follow: db.prepare('INSERT INTO rm_agreements_followed (agreement_id, nik) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    isFollowed: db.prepare('SELECT 1 FROM rm_agreements_followed WHERE agreement_id = ? AND nik = ?').pluck(),
    enrolledMoreThanOnce: db.prepare(`SELECT nik, json_group_array(agreement_id) FROM rm_agreements_members
      GROUP BY nik HAVING COUNT(*) > 1`),
    followedIn: db.prepare('SELECT nik FROM rm_agreements_followed WHERE agreement_id = ?').pluck(),
    clear: db.prepare(`DELETE FROM rm_agreements_double_funding WHERE nik IN (SELECT value FROM json_each(?))
      RETURNING nik, premium`),
    clearRegions: db.prepare(`DELETE FROM rm_agreements_double_funding_regions
      WHERE nik IN (SELECT value FROM json_each(?)) RETURNING nik, province`),
    // Rows given as one JSON array of arrays; the JSON columns go in as the text JSON.stringify made of them.
    insert: db.prepare(`INSERT INTO rm_agreements_double_funding (nik, agreements, months, by_month, premium)
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`),
    region: db.prepare(`INSERT INTO rm_agreements_double_funding_regions (nik, agreement_id, region_code, province)
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`),
    addTotals: db.prepare(`INSERT INTO rm_agreements_double_funding_totals (scope, count, premium) VALUES (?, ?, ?)
      ON CONFLICT (scope) DO UPDATE SET count = count + excluded.count, premium = premium + excluded.premium`),
    dropEmptyTotals: db.prepare('DELETE FROM rm_agreements_double_funding_totals WHERE count = 0'),
  };
}
