import { firstDayOf, type CalendarMonth } from '../shared/calendar-date';
import { DomainError } from '../shared/domain-error';
import { CONTRIBUTION_SCHEDULE, inForceOn } from '../shared/schedules';

/** JKK (a share of declared income, rounded half up to a rupiah) + JKM, per person-month, by the dated schedule. */
export function monthlyContribution(month: CalendarMonth, declaredIncome: number): number {
  const rate = inForceOn(CONTRIBUTION_SCHEDULE, firstDayOf(month));
  if (rate === undefined) {
    throw new DomainError('INVALID_PERIOD', `no contribution rate is scheduled for ${month}`);
  }
  const jkk = Math.floor((declaredIncome * rate.jkkBasisPoints + 5_000) / 10_000);
  return jkk + rate.jkmMonthly;
}
