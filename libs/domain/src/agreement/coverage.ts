import { minDate, monthsOf, type CalendarDate, type CalendarMonth } from '../shared/calendar-date';
import type { Nik } from '../shared/nik';
import type { Member, SignedAgreement } from './agreement.state';
import { monthlyCoverage, type CoverageFacts } from './coverage-series';
import { agreementLastCoveredDay, memberCoverageWindow, type CoverageWindow } from './coverage-window';

export { monthlyContribution } from './contribution';

/**
 * Coverage windows and premiums (DOMAIN.md rules 2, 4, 5 and 8).
 *
 * A member is covered from the effective date of their batch to their last covered day: the earliest of the
 * agreement end (as extended), the date of death, and the day before a withdrawal or termination takes effect.
 * A member counts one person-month for each calendar month with at least one covered day.
 */

/** One month of the premium ledger. */
export interface MonthlyPremium {
  readonly month: CalendarMonth;
  readonly personMonths: number;
  /** Contributions due for the month, rupiah. */
  readonly expected: number;
}

/** The agreement's last covered day: its end, or the day before its termination takes effect. */
export function lastCoveredDay(state: SignedAgreement): CalendarDate {
  return agreementLastCoveredDay({
    end: state.end,
    terminationDate: state.status === 'terminated' ? state.termination.effectiveDate : null,
  });
}

export function memberWindow(state: SignedAgreement, member: Member): CoverageWindow {
  return memberCoverageWindow(member.coveredFrom, lastCoveredDay(state), state.earlyExits.get(member.nik));
}

export function isCoveredOn(window: CoverageWindow, date: CalendarDate): boolean {
  return window.from <= date && date <= window.to;
}

/** Months of a member's coverage, optionally only those up to a date. */
export function coveredMonths(window: CoverageWindow, upTo?: CalendarDate): CalendarMonth[] {
  return monthsOf(window.from, upTo === undefined ? window.to : minDate(window.to, upTo));
}

/**
 * Person-months and expected premium per month. Members are priced by coverage group (same first day, same
 * income), then early exits take back the months after their last covered month: O(groups + exits), not
 * O(members).
 */
export function premiumLedger(state: SignedAgreement): MonthlyPremium[] {
  return monthlyCoverage(coverageFacts(state)).map(({ month, coveredMembers, expected }) => ({
    month,
    personMonths: coveredMembers,
    expected,
  }));
}

/** The coverage facts of an agreement's state: its groups, early exits and last covered day. */
export function coverageFacts(state: SignedAgreement): CoverageFacts {
  const groups = [...state.coverageGroups].map(([key, count]) => {
    const [coveredFrom, income] = key.split('|');
    return { coveredFrom, declaredIncome: Number(income), count };
  });
  const exits = [...state.earlyExits.entries()].map(([nik, lastDay]) => {
    const member = memberOf(state, nik);
    return { coveredFrom: member.coveredFrom, declaredIncome: member.declaredIncome, lastDay };
  });
  const incomeCorrections = [...state.incomeTimelines.entries()].map(([nik, timeline]) => {
    const member = memberOf(state, nik);
    const { coveredFrom, declaredIncome } = member;
    return { coveredFrom, declaredIncome, timeline, exitLastDay: state.earlyExits.get(nik) ?? null };
  });
  return { groups, exits, incomeCorrections, lastCoveredDay: lastCoveredDay(state) };
}

/** Sum over members of person-months x monthly contribution (rule 5). */
export function expectedPremium(state: SignedAgreement): number {
  return premiumLedger(state).reduce((sum, month) => sum + month.expected, 0);
}

function memberOf(state: SignedAgreement, nik: Nik): Member {
  const member = state.members.get(nik);
  if (member === undefined) throw new Error(`corrupt state: a fact about unknown member ${nik}`);
  return member;
}
