import { monthsOf, type CalendarDate, type CalendarMonth } from '../shared/calendar-date';
import { monthlyContribution } from './contribution';

/** One worker's coverage under one agreement, as rule 11 compares it with the others. */
export interface Enrolment {
  readonly agreementId: string;
  readonly declaredIncome: number;
  readonly coveredFrom: CalendarDate;
  /** Last covered day (may precede `coveredFrom`: never covered). */
  readonly coveredTo: CalendarDate;
}

/** Two agreements that both paid for one worker's same months. */
export interface DoubleFunding {
  readonly agreements: readonly [string, string];
  readonly months: readonly CalendarMonth[];
  /** Per month, the smaller of the two contributions: what was paid a second time. */
  readonly premiumPaidTwice: number;
}

/**
 * Rule 11: a NIK covered by two agreements in the same month means the premium was paid twice. Both enrolments
 * stand; every pair of agreements with months in common is reported, agreements in id order.
 */
export function doubleFundingOf(enrolments: readonly Enrolment[]): DoubleFunding[] {
  const sorted = [...enrolments].sort((a, b) => (a.agreementId < b.agreementId ? -1 : 1));
  const found: DoubleFunding[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [a, b] = [sorted[i], sorted[j]];
      const inB = new Set(monthsOf(b.coveredFrom, b.coveredTo));
      const months = monthsOf(a.coveredFrom, a.coveredTo).filter((month) => inB.has(month));
      if (months.length === 0) continue;
      const premiumPaidTwice = months.reduce(
        (sum, month) =>
          sum + Math.min(monthlyContribution(month, a.declaredIncome), monthlyContribution(month, b.declaredIncome)),
        0,
      );
      found.push({ agreements: [a.agreementId, b.agreementId], months, premiumPaidTwice });
    }
  }
  return found;
}
