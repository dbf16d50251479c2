import { monthsOf, type CalendarDate, type CalendarMonth } from '../shared/calendar-date';
import { monthlyContribution } from './contribution';
import { incomeInMonth, type IncomeTimeline } from './member-income';

/** One worker's coverage under one agreement, as rule 11 compares it with the others. */
export interface Enrolment {
  readonly agreementId: string;
  /** The income enrolled with; `incomeTimeline` says how it was corrected from a month on (rule 13). */
  readonly declaredIncome: number;
  readonly incomeTimeline?: IncomeTimeline;
  readonly coveredFrom: CalendarDate;
  /** Last covered day (may precede `coveredFrom`: never covered). */
  readonly coveredTo: CalendarDate;
}

/** A month in which more than one agreement covered the worker. */
export interface DoublyFundedMonth {
  readonly month: CalendarMonth;
  /** Every agreement covering the worker that month, in id order. */
  readonly agreements: readonly string[];
  /** The month's contributions but the largest one: what was paid more than once. */
  readonly premiumPaidTwice: number;
}

/** A worker funded by more than one agreement for the same months. */
export interface DoubleFunding {
  /** Every agreement that covered the worker in one of those months, in id order. */
  readonly agreements: readonly string[];
  readonly months: readonly CalendarMonth[];
  readonly byMonth: readonly DoublyFundedMonth[];
  readonly premiumPaidTwice: number;
}

/**
 * Rule 11: a NIK covered by n > 1 agreements in a month had its premium paid n - 1 times too many: each extra
 * funding counts once, not each pair (three agreements are 2 extra contributions, not 3 pairs). Where the
 * incomes differ, the worker needed covering once, at the largest contribution; the others were paid twice.
 * Both enrolments stand; null when no month is covered twice.
 */
export function doubleFundingOf(enrolments: readonly Enrolment[]): DoubleFunding | null {
  const covering = new Map<CalendarMonth, { agreementId: string; contribution: number }[]>();
  for (const enrolment of enrolments) {
    for (const month of monthsOf(enrolment.coveredFrom, enrolment.coveredTo)) {
      const income = incomeInMonth(enrolment.declaredIncome, enrolment.incomeTimeline, month);
      const entry = { agreementId: enrolment.agreementId, contribution: monthlyContribution(month, income) };
      covering.set(month, [...(covering.get(month) ?? []), entry]);
    }
  }
  const byMonth = [...covering]
    .filter(([, funders]) => funders.length > 1)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, funders]) => doublyFunded(month, funders));
  if (byMonth.length === 0) return null;
  return {
    agreements: [...new Set(byMonth.flatMap((m) => m.agreements))].sort(),
    months: byMonth.map((m) => m.month),
    byMonth,
    premiumPaidTwice: byMonth.reduce((sum, m) => sum + m.premiumPaidTwice, 0),
  };
}

function doublyFunded(month: CalendarMonth, funders: { agreementId: string; contribution: number }[]) {
  const contributions = funders.map((f) => f.contribution);
  const total = contributions.reduce((a, b) => a + b, 0);
  return {
    month,
    agreements: funders.map((f) => f.agreementId).sort(),
    premiumPaidTwice: total - Math.max(...contributions),
  };
}
