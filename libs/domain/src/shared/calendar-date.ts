/**
 * Calendar dates (`YYYY-MM-DD`) and months (`YYYY-MM`) of the proleptic Gregorian calendar, handled as day
 * numbers so that no answer ever depends on the server's time zone.
 */

/** A calendar date, `YYYY-MM-DD`. Ordered by plain string comparison. */
export type CalendarDate = string;
/** A calendar month, `YYYY-MM`. Ordered by plain string comparison. */
export type CalendarMonth = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/**
 * The calendar the product accepts: years 1900 to 2199. Every date a client sends lies in it, so that a loop
 * over the days or months of any range is bounded (at most 80,353 days, 2,400 months), and every date keeps
 * four-digit years, so that plain string order is calendar order.
 */
export const CALENDAR_RANGE = { firstYear: 1900, lastYear: 2199 } as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** True for a well-formed date that exists (2025-02-29 does not). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isInRange(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a well-formed month `YYYY-MM` of the accepted calendar. */
export function isCalendarMonth(value: unknown): value is CalendarMonth {
  if (typeof value !== 'string') return false;
  const match = MONTH_PATTERN.exec(value);
  return match !== null && isInRange(Number(match[1])) && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

function isInRange(year: number): boolean {
  return year >= CALENDAR_RANGE.firstYear && year <= CALENDAR_RANGE.lastYear;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(date: CalendarDate): number {
  let year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  year -= month <= 2 ? 1 : 0;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of {@link toDayNumber}. */
export function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function monthOf(date: CalendarDate): CalendarMonth {
  return date.slice(0, 7);
}

export function firstDayOf(month: CalendarMonth): CalendarDate {
  return `${month}-01`;
}

export function lastDayOf(month: CalendarMonth): CalendarDate {
  return `${month}-${pad(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))), 2)}`;
}

export function nextMonth(month: CalendarMonth): CalendarMonth {
  return fromMonthNumber(toMonthNumber(month) + 1);
}

/** Months since year 0 (January of year 0 is 0): month arithmetic without comparing text. */
export function toMonthNumber(month: CalendarMonth): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function fromMonthNumber(monthNumber: number): CalendarMonth {
  return `${pad(Math.floor(monthNumber / 12), 4)}-${pad((monthNumber % 12) + 1, 2)}`;
}

/**
 * The months touched by the inclusive range [from, to]; empty when `to` precedes `from`. The loop runs a
 * counted number of times, never "until the text compares greater".
 */
export function monthsOf(from: CalendarDate, to: CalendarDate): CalendarMonth[] {
  if (to < from) return [];
  const first = toMonthNumber(monthOf(from));
  const count = toMonthNumber(monthOf(to)) - first + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => fromMonthNumber(first + i));
}

export function minDate(...dates: CalendarDate[]): CalendarDate {
  return dates.reduce((a, b) => (b < a ? b : a));
}

export function maxDate(...dates: CalendarDate[]): CalendarDate {
  return dates.reduce((a, b) => (b > a ? b : a));
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
