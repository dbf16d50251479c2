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

/** A member row's NIK and whether it has exits or income corrections recorded ({@link FLAGS}). */
interface Flagged {
  readonly nik: string;
  readonly exited: 0 | 1;
  readonly corrected: 0 | 1;
}

type EnrolmentRow = Omit<WorkerEnrolment, 'exit' | 'incomeTimeline'> & Flagged;

/** What a worker's coverage in one agreement depends on: the double-funding report's input. */
export type WorkerCoverage = Pick<
  WorkerEnrolment,
  | 'agreementId'
  | 'regionCode'
  | 'province'
  | 'declaredIncome'
  | 'incomeTimeline'
  | 'coveredFrom'
  | 'lastCoveredDay'
  | 'exit'
>;

type CoverageRow = Pick<WorkerEnrolment, 'agreementId' | 'declaredIncome' | 'coveredFrom'> & Flagged;

/** What a worker's coverage takes from its agreement. */
type AgreementFacts = Pick<WorkerCoverage, 'regionCode' | 'province' | 'lastCoveredDay'>;

/** The agreement's (`a`) last covered day now. */
const LAST_COVERED_DAY = `(SELECT last_covered_day FROM rm_agreements_periods p WHERE p.agreement_id = a.agreement_id
  ORDER BY position DESC LIMIT 1) AS lastCoveredDay`;

/** Whether the member row `m` has exits or income corrections recorded. */
const FLAGS = `EXISTS (SELECT 1 FROM rm_agreements_exits x WHERE x.agreement_id = m.agreement_id AND x.nik = m.nik)
    AS exited,
  EXISTS (SELECT 1 FROM rm_agreements_income_changes c WHERE c.agreement_id = m.agreement_id AND c.nik = m.nik)
    AS corrected`;

/** A worker's enrolment rows (`m`) with their agreement's facts. */
const ENROLMENTS = `SELECT m.nik, m.agreement_id AS agreementId, a.region_code AS regionCode, a.province,
    a.pemda_name AS pemdaName, a.branch_code AS branchCode, m.cohort_id AS cohortId, m.name, m.occupation,
    m.village_code AS villageCode, m.declared_income AS declaredIncome, m.covered_from AS coveredFrom,
    ${LAST_COVERED_DAY}, ${FLAGS}
  FROM rm_agreements_members m JOIN rm_agreements a ON a.agreement_id = m.agreement_id`;

/** Reads a worker's enrolments across agreements: for the worker's view and the double-funding report. */
export class WorkerEnrolmentsReader {
  private readonly enrolments: Database.Statement;
  private readonly coverageRows: Database.Statement;
  private readonly agreement: Database.Statement;
  private readonly exits: Database.Statement;
  private readonly incomes: Database.Statement;

  constructor(db: Database.Database) {
    this.enrolments = db.prepare(`${ENROLMENTS} WHERE m.nik = ? ORDER BY m.covered_from, m.agreement_id`);
    this.coverageRows = db.prepare(`SELECT m.nik, m.agreement_id AS agreementId,
        m.declared_income AS declaredIncome, m.covered_from AS coveredFrom, ${FLAGS}
      FROM rm_agreements_members m WHERE m.nik IN (SELECT value FROM json_each(?))
      ORDER BY m.nik, m.covered_from, m.agreement_id`);
    this.agreement = db.prepare(`SELECT region_code AS regionCode, province, ${LAST_COVERED_DAY}
      FROM rm_agreements a WHERE agreement_id = ?`);
    this.exits = db.prepare(`SELECT nik, last_day AS lastDay, reason FROM rm_agreements_exits
      WHERE agreement_id = ? AND nik = ? ORDER BY position`);
    this.incomes = db.prepare(`SELECT ${INCOME_CHANGE_COLUMNS} FROM rm_agreements_income_changes c
      JOIN rm_agreements_members m ON m.nik = c.nik AND m.agreement_id = c.agreement_id
      WHERE c.agreement_id = ? AND c.nik = ? ORDER BY c.position`);
  }

  of(nik: string): WorkerEnrolment[] {
    return (this.enrolments.all(nik) as EnrolmentRow[]).map((row) => this.completed(row));
  }

  /**
   * What the coverage of each of these workers depends on, in every agreement that enrolled it (one query for the
   * members, one for each agreement they are in): workers enrolled nowhere are left out.
   */
  coverageOfMany(niks: readonly string[]): Map<string, WorkerCoverage[]> {
    const agreements = new Map<string, AgreementFacts>();
    const found = new Map<string, WorkerCoverage[]>();
    for (const row of this.coverageRows.all(JSON.stringify(niks)) as CoverageRow[]) {
      let agreement = agreements.get(row.agreementId);
      if (agreement === undefined) {
        agreement = this.agreement.get(row.agreementId) as AgreementFacts;
        agreements.set(row.agreementId, agreement);
      }
      const { agreementId, declaredIncome, coveredFrom } = row;
      const coverage = { ...agreement, agreementId, declaredIncome, coveredFrom, ...this.changes(row) };
      const list = found.get(row.nik);
      if (list === undefined) found.set(row.nik, [coverage]);
      else list.push(coverage);
    }
    return found;
  }

  /** Exits and income corrections are rare: an enrolment's are read only when its row says it has some. */
  private completed(row: EnrolmentRow): WorkerEnrolment {
    const { nik: _nik, exited: _exited, corrected: _corrected, ...enrolment } = row;
    return { ...enrolment, ...this.changes(row) };
  }

  private changes({
    nik,
    agreementId,
    exited,
    corrected,
  }: Flagged & { readonly agreementId: string }): Pick<WorkerEnrolment, 'incomeTimeline' | 'exit'> {
    const exits = exited === 1 ? (this.exits.all(agreementId, nik) as CoverageExit[]) : [];
    const incomes = corrected === 1 ? (this.incomes.all(agreementId, nik) as IncomeChangeRow[]) : [];
    return { incomeTimeline: incomeTimelines(incomes).get(nik) ?? [], exit: earliestExits(exits).get(nik) ?? null };
  }
}

export const workerEnrolmentsOf = perDatabase((db) => new WorkerEnrolmentsReader(db));
