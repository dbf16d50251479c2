import type Database from 'better-sqlite3';
import { earliestExits, type CalendarDate, type CoverageExit, type ExitReason, type IncomeTimeline } from '@pks/domain';
import { perDatabase } from '../per-database';
import { INCOME_CHANGE_COLUMNS, incomeTimelines, type IncomeChangeRow } from './income-timelines';

/** One enrolment of a worker, with what its coverage window depends on. */
export interface WorkerEnrolment {
  readonly agreementId: string;
  readonly regionCode: string;
  readonly province: string;
  readonly pemdaName: string;
  readonly branchCode: string;
  readonly cohortId: string;
  readonly name: string;
  readonly occupation: string;
  readonly villageCode: string;
  /** The income enrolled with; `incomeTimeline` its corrections from a month on (empty when none). */
  readonly declaredIncome: number;
  readonly incomeTimeline: IncomeTimeline;
  readonly coveredFrom: CalendarDate;
  /** The agreement's last covered day now. */
  readonly lastCoveredDay: CalendarDate;
  /** The exit that ends the member's coverage here (the earliest recorded), if any. */
  readonly exit: { readonly lastDay: CalendarDate; readonly reason: ExitReason } | null;
}

/** Reads a worker's enrolments across agreements: for the worker's view and the double-funding report. */
export class WorkerEnrolmentsReader {
  private readonly enrolments: Database.Statement;
  private readonly exits: Database.Statement;
  private readonly incomes: Database.Statement;

  constructor(db: Database.Database) {
    this.enrolments = db.prepare(`SELECT m.agreement_id AS agreementId, a.region_code AS regionCode, a.province,
        a.pemda_name AS pemdaName, a.branch_code AS branchCode, m.cohort_id AS cohortId, m.name, m.occupation, m.village_code AS villageCode,
        m.declared_income AS declaredIncome, m.covered_from AS coveredFrom,
        (SELECT last_covered_day FROM rm_agreements_periods p WHERE p.agreement_id = m.agreement_id
          ORDER BY position DESC LIMIT 1) AS lastCoveredDay
      FROM rm_agreements_members m JOIN rm_agreements a ON a.agreement_id = m.agreement_id
      WHERE m.nik = ? ORDER BY m.covered_from, m.agreement_id`);
    this.exits = db.prepare(`SELECT nik, last_day AS lastDay, reason FROM rm_agreements_exits
      WHERE agreement_id = ? AND nik = ? ORDER BY position`);
    this.incomes = db.prepare(`SELECT ${INCOME_CHANGE_COLUMNS} FROM rm_agreements_income_changes c
      JOIN rm_agreements_members m ON m.nik = c.nik AND m.agreement_id = c.agreement_id
      WHERE c.agreement_id = ? AND c.nik = ? ORDER BY c.position`);
  }

  of(nik: string): WorkerEnrolment[] {
    return (this.enrolments.all(nik) as Omit<WorkerEnrolment, 'exit' | 'incomeTimeline'>[]).map((row) => {
      const exits = this.exits.all(row.agreementId, nik) as CoverageExit[];
      const incomes = incomeTimelines(this.incomes.all(row.agreementId, nik) as IncomeChangeRow[]);
      return { ...row, incomeTimeline: incomes.get(nik) ?? [], exit: earliestExits(exits).get(nik) ?? null };
    });
  }
}

export const workerEnrolmentsOf = perDatabase((db) => new WorkerEnrolmentsReader(db));
