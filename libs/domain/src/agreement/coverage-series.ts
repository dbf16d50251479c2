import {
  addDays,
  fromDayNumber,
  maxDate,
  minDate,
  monthOf,
  monthsOf,
  toDayNumber,
  type CalendarDate,
  type CalendarMonth,
} from '../shared/calendar-date';
import { monthlyContribution } from './contribution';
import { incomeInMonth, type IncomeTimeline } from './member-income';

/**
 * Coverage over time from an agreement's coverage facts, for the read side and for premiums (rules 2 and 5).
 * Members are counted by group (same first covered day and income), early exits take back the days and months
 * after their last covered day, and the agreement's last covered day closes every other window.
 */
export interface CoverageGroupFact {
  readonly coveredFrom: CalendarDate;
  readonly declaredIncome: number;
  readonly count: number;
}

/** A member whose coverage ended before the agreement's: death, withdrawal. */
export interface CoverageExitFact {
  readonly coveredFrom: CalendarDate;
  readonly declaredIncome: number;
  readonly lastDay: CalendarDate;
}

/**
 * A member whose declared income was corrected from a month on (rule 13). The member stays counted in its group
 * at the income it was enrolled with; this fact adds the difference for each covered month the timeline changes.
 */
export interface IncomeCorrectionFact {
  readonly coveredFrom: CalendarDate;
  /** The income the member was enrolled with (its group's). */
  readonly declaredIncome: number;
  readonly timeline: IncomeTimeline;
  /** The member's own early last covered day (death, withdrawal), if any. */
  readonly exitLastDay?: CalendarDate | null;
}

export interface CoverageFacts {
  readonly groups: Iterable<CoverageGroupFact>;
  readonly exits: Iterable<CoverageExitFact>;
  readonly incomeCorrections?: Iterable<IncomeCorrectionFact>;
  /** The agreement's last covered day: its end as extended, or the day before its termination. */
  readonly lastCoveredDay: CalendarDate;
}

export interface MonthlyCoverage {
  readonly month: CalendarMonth;
  /** Members covered on at least one day of the month: the month's person-months. */
  readonly coveredMembers: number;
  /** Contributions due for the month, rupiah. */
  readonly expected: number;
}

export interface DailyCoverage {
  readonly day: CalendarDate;
  readonly coveredMembers: number;
}

export function monthlyCoverage(facts: CoverageFacts): MonthlyCoverage[] {
  const end = facts.lastCoveredDay;
  const ledger = new Map<CalendarMonth, { coveredMembers: number; expected: number }>();
  const add = (month: CalendarMonth, people: number, income: number) => {
    const entry = ledger.get(month) ?? { coveredMembers: 0, expected: 0 };
    entry.coveredMembers += people;
    entry.expected += people * monthlyContribution(month, income);
    ledger.set(month, entry);
  };
  for (const group of facts.groups) {
    for (const month of monthsOf(group.coveredFrom, end)) add(month, group.count, group.declaredIncome);
  }
  for (const exit of facts.exits) {
    const lastMonth = exit.lastDay < exit.coveredFrom ? '' : monthOf(minDate(exit.lastDay, end));
    for (const month of monthsOf(exit.coveredFrom, end)) if (month > lastMonth) add(month, -1, exit.declaredIncome);
  }
  for (const correction of facts.incomeCorrections ?? []) {
    for (const [month, difference] of correctionDifferences(correction, end)) addExpected(ledger, month, difference);
  }
  return [...ledger.entries()]
    .filter(([, entry]) => entry.coveredMembers !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, entry]) => ({ month, ...entry }));
}

/** What a corrected income adds to (or takes from) each covered month, against the income enrolled with. */
function correctionDifferences(fact: IncomeCorrectionFact, end: CalendarDate): [CalendarMonth, number][] {
  const exit = fact.exitLastDay;
  const last = exit !== undefined && exit !== null && exit < end ? exit : end;
  const enrolled = (month: CalendarMonth) => monthlyContribution(month, fact.declaredIncome);
  return monthsOf(fact.coveredFrom, last)
    .map((month): [CalendarMonth, number] => [
      month,
      monthlyContribution(month, incomeInMonth(fact.declaredIncome, fact.timeline, month)) - enrolled(month),
    ])
    .filter(([, difference]) => difference !== 0);
}

function addExpected(
  ledger: Map<CalendarMonth, { coveredMembers: number; expected: number }>,
  month: string,
  amount: number,
) {
  const entry = ledger.get(month) ?? { coveredMembers: 0, expected: 0 };
  entry.expected += amount;
  ledger.set(month, entry);
}

/** A change of the number of covered members: `delta` members more from `day` on. */
export interface CoverageDelta {
  readonly day: CalendarDate;
  readonly delta: number;
}

/**
 * The daily coverage as its change points, in day order: a handful per agreement (first covered days, early
 * exits, the end), however many days the period has.
 */
export function coverageDeltas(facts: CoverageFacts): CoverageDelta[] {
  const end = facts.lastCoveredDay;
  const deltas = new Map<CalendarDate, number>();
  const cover = (first: CalendarDate, last: CalendarDate, people: number) => {
    if (last < first) return;
    deltas.set(first, (deltas.get(first) ?? 0) + people);
    const after = addDays(last, 1);
    deltas.set(after, (deltas.get(after) ?? 0) - people);
  };
  for (const group of facts.groups) cover(group.coveredFrom, end, group.count);
  for (const exit of facts.exits) cover(maxDate(exit.coveredFrom, addDays(exit.lastDay, 1)), end, -1);
  return [...deltas]
    .filter(([, delta]) => delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, delta]) => ({ day, delta }));
}

/** Members covered on each day of [from, to] (days without coverage included, as 0), from change points. */
export function dailyFromDeltas(
  deltas: Iterable<CoverageDelta>,
  from: CalendarDate,
  to: CalendarDate,
): DailyCoverage[] {
  const byDay = new Map<number, number>();
  const first = toDayNumber(from);
  let covered = 0;
  for (const { day, delta } of deltas) {
    const n = toDayNumber(day);
    if (n < first) covered += delta;
    else byDay.set(n, (byDay.get(n) ?? 0) + delta);
  }
  const series: DailyCoverage[] = [];
  for (let day = first, last = toDayNumber(to); day <= last; day++) {
    covered += byDay.get(day) ?? 0;
    series.push({ day: fromDayNumber(day), coveredMembers: covered });
  }
  return series;
}

/** Members covered on each day of [from, to] (days without coverage included, as 0). */
export function dailyCoverage(facts: CoverageFacts, from: CalendarDate, to: CalendarDate): DailyCoverage[] {
  return dailyFromDeltas(coverageDeltas(facts), from, to);
}
