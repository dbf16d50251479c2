import type Database from 'better-sqlite3';
import { earliestExits, type CalendarDate, type CoverageFacts } from '@pks/domain';
import { perDatabase } from '../per-database';
import { INCOME_CHANGE_COLUMNS, incomeTimelines, type IncomeChangeRow } from './income-timelines';

/** The period of an agreement as one row of rm_agreements_periods holds it. */
export interface PeriodRow {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly terminationDate: CalendarDate | null;
  readonly terminationReason: string | null;
  readonly budget: number;
  readonly lastCoveredDay: CalendarDate;
}

export const PERIOD_COLUMNS = `start, "end", termination_date AS terminationDate,
  termination_reason AS terminationReason, budget, last_covered_day AS lastCoveredDay`;

interface ExitRow {
  nik: string;
  lastDay: string;
  coveredFrom: string;
  declaredIncome: number;
}

/** An agreement's coverage facts as recorded up to an instant, with the start of its period. */
export type KnownCoverage = CoverageFacts & { readonly start: CalendarDate };

/** Reads the coverage facts of one agreement: for its current series, and for answers "as known at". */
export class CoverageFactsReader {
  private readonly periodAt: Database.Statement;
  private readonly groupsAt: Database.Statement;
  private readonly exitsAt: Database.Statement;
  private readonly incomesAt: Database.Statement;

  constructor(db: Database.Database) {
    this.periodAt = db.prepare(`SELECT ${PERIOD_COLUMNS} FROM rm_agreements_periods
      WHERE agreement_id = ? AND recorded_at <= ? ORDER BY position DESC LIMIT 1`);
    this.groupsAt = db.prepare(`SELECT covered_from AS coveredFrom, declared_income AS declaredIncome,
      SUM(count) AS count FROM rm_agreements_groups
      WHERE agreement_id = ? AND recorded_at <= ? GROUP BY covered_from, declared_income`);
    this.exitsAt = db.prepare(`SELECT nik, last_day AS lastDay, covered_from AS coveredFrom,
      declared_income AS declaredIncome FROM rm_agreements_exits
      WHERE agreement_id = ? AND recorded_at <= ? ORDER BY position`);
    this.incomesAt = db.prepare(`SELECT ${INCOME_CHANGE_COLUMNS}, m.covered_from AS coveredFrom
      FROM rm_agreements_income_changes c
      JOIN rm_agreements_members m ON m.nik = c.nik AND m.agreement_id = c.agreement_id
      WHERE c.agreement_id = ? AND c.recorded_at <= ? ORDER BY c.position`);
  }

  /** The facts of an agreement as recorded up to `asKnownAt` (or all of them); null before its signature. */
  facts(agreementId: string, asKnownAt = '9999'): KnownCoverage | null {
    const period = this.periodAt.get(agreementId, asKnownAt) as PeriodRow | undefined;
    if (period === undefined) return null;
    // A member may have several exits recorded (a withdrawal, then a death): the domain says which one counts.
    const exits = earliestExits(this.exitsAt.all(agreementId, asKnownAt) as ExitRow[]);
    const corrections = this.incomesAt.all(agreementId, asKnownAt) as (IncomeChangeRow & { coveredFrom: string })[];
    const members = new Map(corrections.map((row) => [row.nik, row]));
    const incomeCorrections = [...incomeTimelines(corrections)].map(([nik, timeline]) => {
      const { coveredFrom, enrolledIncome } = members.get(nik) as IncomeChangeRow & { coveredFrom: string };
      return { coveredFrom, declaredIncome: enrolledIncome, timeline, exitLastDay: exits.get(nik)?.lastDay ?? null };
    });
    return {
      start: period.start,
      lastCoveredDay: period.lastCoveredDay,
      groups: this.groupsAt.all(agreementId, asKnownAt) as {
        coveredFrom: string;
        declaredIncome: number;
        count: number;
      }[],
      exits: [...exits.values()],
      incomeCorrections,
    };
  }
}

export const coverageFactsOf = perDatabase((db) => new CoverageFactsReader(db));
