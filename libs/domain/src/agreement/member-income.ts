import { monthOf, type CalendarDate, type CalendarMonth } from '../shared/calendar-date';

/**
 * Rule 13: a member's declared income corrected from a month on. The income a member was enrolled with applies
 * until the first correction's month; each correction applies from its month on and replaces whatever later
 * months said before it (the latest fact about a month wins), so a timeline is a list of changes in month order.
 */
export interface IncomeChange {
  readonly fromMonth: CalendarMonth;
  readonly declaredIncome: number;
}

/** The income changes after the enrolment's income, in month order: each differs from the income before it. */
export type IncomeTimeline = readonly IncomeChange[];

/** The declared income in force in a month. */
export function incomeInMonth(enrolledIncome: number, timeline: IncomeTimeline | undefined, month: CalendarMonth) {
  let income = enrolledIncome;
  for (const change of timeline ?? []) if (change.fromMonth <= month) income = change.declaredIncome;
  return income;
}

/** The declared income in force on a date (a death's, for a JKK benefit). */
export function incomeOn(enrolledIncome: number, timeline: IncomeTimeline | undefined, date: CalendarDate) {
  return incomeInMonth(enrolledIncome, timeline, monthOf(date));
}

/** The timeline after a correction to `declaredIncome` from `fromMonth` on; changes that change nothing dropped. */
export function correctedTimeline(
  enrolledIncome: number,
  timeline: IncomeTimeline | undefined,
  correction: IncomeChange,
): IncomeTimeline {
  const kept = (timeline ?? []).filter((change) => change.fromMonth < correction.fromMonth);
  const before = kept.length === 0 ? enrolledIncome : kept[kept.length - 1].declaredIncome;
  return before === correction.declaredIncome ? kept : [...kept, correction];
}

/** True when two timelines say the same. */
export function sameTimeline(a: IncomeTimeline | undefined, b: IncomeTimeline | undefined): boolean {
  const [x, y] = [a ?? [], b ?? []];
  return (
    x.length === y.length &&
    x.every((c, i) => c.fromMonth === y[i].fromMonth && c.declaredIncome === y[i].declaredIncome)
  );
}
