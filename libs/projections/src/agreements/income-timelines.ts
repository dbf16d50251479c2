import { correctedTimeline, type IncomeTimeline } from '@pks/domain';

/** One recorded income correction (rm_agreements_income_changes) with the income its member was enrolled with. */
export interface IncomeChangeRow {
  readonly nik: string;
  readonly fromMonth: string;
  readonly declaredIncome: number;
  readonly enrolledIncome: number;
}

/** Each member's income timeline, folding its corrections in the order they were recorded (the domain's rule). */
export function incomeTimelines(rows: Iterable<IncomeChangeRow>): Map<string, IncomeTimeline> {
  const timelines = new Map<string, IncomeTimeline>();
  for (const row of rows) {
    const correction = { fromMonth: row.fromMonth, declaredIncome: row.declaredIncome };
    timelines.set(row.nik, correctedTimeline(row.enrolledIncome, timelines.get(row.nik), correction));
  }
  return timelines;
}

/** Columns of an income correction joined with its member row `m`, for {@link IncomeChangeRow}. */
export const INCOME_CHANGE_COLUMNS = `c.nik, c.from_month AS fromMonth, c.declared_income AS declaredIncome,
  m.declared_income AS enrolledIncome`;
