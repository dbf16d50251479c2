import { addDays, minDate, monthsOf, type CalendarDate } from '../shared/calendar-date';
import type { Nik } from '../shared/nik';
import type { AgreementEvent } from './agreement.events';

/**
 * Where coverage ends (DOMAIN.md rule 2), for the write side and every read model alike: a member's last covered
 * day is the earliest of the agreement's end (as extended), the date of death, and the day before a withdrawal
 * or the agreement's termination takes effect.
 */

/** An agreement's period as far as coverage is concerned. */
export interface CoveragePeriod {
  /** Coverage end as extended. */
  readonly end: CalendarDate;
  /** Effective date of the termination, when the agreement was terminated. */
  readonly terminationDate?: CalendarDate | null;
}

/** Why a member's coverage ended before the agreement's. */
export type ExitReason = 'death' | 'withdrawal';

/** An early end of one member's coverage: the last covered day and why. */
export interface CoverageExit {
  readonly nik: Nik;
  readonly lastDay: CalendarDate;
  readonly reason: ExitReason;
}

/** Inclusive range of covered days; empty when `to` precedes `from`. */
export interface CoverageWindow {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/** A withdrawal or a termination effective on a date leaves the day before as the last covered day. */
export function lastDayBefore(effectiveDate: CalendarDate): CalendarDate {
  return addDays(effectiveDate, -1);
}

/** The agreement's last covered day: its end, or the day before its termination takes effect. */
export function agreementLastCoveredDay(period: CoveragePeriod): CalendarDate {
  const { end, terminationDate } = period;
  return terminationDate === undefined || terminationDate === null ? end : minDate(end, lastDayBefore(terminationDate));
}

/** The early end an event records (a death paid here or elsewhere, a withdrawal), or null for other events. */
export function coverageExitOf(event: AgreementEvent): CoverageExit | null {
  switch (event.type) {
    case 'DeathBenefitPaid':
    case 'MemberDied':
      return { nik: event.data.nik, lastDay: event.data.dateOfDeath, reason: 'death' };
    case 'MemberWithdrawn':
      return { nik: event.data.nik, lastDay: lastDayBefore(event.data.effectiveDate), reason: 'withdrawal' };
    case 'AgreementSigned':
    case 'CohortEnrolled':
    case 'CohortBatchEnrolled':
    case 'PeriodExtended':
    case 'PremiumPaymentRecorded':
    case 'PremiumPaymentReversed':
    case 'MemberCorrected':
    case 'AgreementTerminated':
      return null;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/** A later exit replaces the one known only when it ends coverage strictly earlier: on a tie the first stands. */
export function endsEarlier(next: CalendarDate, known: CalendarDate | null | undefined): boolean {
  return known === null || known === undefined || next < known;
}

/** The exit that ends coverage first, of the one known and the next recorded. */
export function earliestExit<E extends { readonly lastDay: CalendarDate }>(known: E | null | undefined, next: E): E {
  return known === null || known === undefined || endsEarlier(next.lastDay, known.lastDay) ? next : known;
}

/** The earliest exit of each member, folding exits in the order they were recorded. */
export function earliestExits<E extends { readonly nik: Nik; readonly lastDay: CalendarDate }>(
  exits: Iterable<E>,
): Map<Nik, E> {
  const earliest = new Map<Nik, E>();
  for (const exit of exits) earliest.set(exit.nik, earliestExit(earliest.get(exit.nik), exit));
  return earliest;
}

/** A member's coverage: from the first covered day to the earlier of the agreement's last day and any exit. */
export function memberCoverageWindow(
  coveredFrom: CalendarDate,
  agreementLastDay: CalendarDate,
  exitLastDay?: CalendarDate | null,
): CoverageWindow {
  const ended = exitLastDay !== undefined && exitLastDay !== null && endsCoverageEarly(exitLastDay, agreementLastDay);
  return { from: coveredFrom, to: ended ? exitLastDay : agreementLastDay };
}

/** An exit ends coverage early when it comes before the agreement's own last covered day. */
export function endsCoverageEarly(exitLastDay: CalendarDate, agreementLastDay: CalendarDate): boolean {
  return exitLastDay < agreementLastDay;
}

/** Person-months of a coverage window: the calendar months with at least one covered day (rule 5). */
export function personMonthsOf(window: CoverageWindow): number {
  return monthsOf(window.from, window.to).length;
}
