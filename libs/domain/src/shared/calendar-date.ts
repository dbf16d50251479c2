/**
 * Calendar dates (`YYYY-MM-DD`) and months (`YYYY-MM`) of the proleptic Gregorian calendar, handled as day
 * numbers so that no answer ever depends on the server's time zone.
 */

/** A calendar date, `YYYY-MM-DD`. Ordered by plain string comparison. */
export type CalendarDate = string;
/** A calendar month, `YYYY-MM`. Ordered by plain string comparison. */
export type CalendarMonth = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** An ISO-8601 instant with its zone: without one, Date.parse would read it in the server's time zone. */
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

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
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
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
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(m + 1, 2)}`;
}

/** The months touched by the inclusive range [from, to]; empty when `to` precedes `from`. */
export function monthsOf(from: CalendarDate, to: CalendarDate): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  if (to < from) return months;
  const last = monthOf(to);
  for (let month = monthOf(from); month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

export function minDate(...dates: CalendarDate[]): CalendarDate {
  return dates.reduce((a, b) => (b < a ? b : a));
}

export function maxDate(...dates: CalendarDate[]): CalendarDate {
  return dates.reduce((a, b) => (b > a ? b : a));
}

/** The calendar date of a UTC instant as read on a clock `offsetMinutes` ahead of UTC. */
export function dateAtOffset(instant: string, offsetMinutes: number): CalendarDate {
  const ms = INSTANT_PATTERN.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`not an ISO-8601 instant: ${instant}`);
  return fromDayNumber(Math.floor((ms + offsetMinutes * 60_000) / MS_PER_DAY));
}

/**
 * The latest calendar date anywhere in Indonesia at an instant: the date in WIT (UTC+9), its easternmost
 * time zone. A date is "in the future" only if it is after this one, so that no region's today is refused.
 */
export function latestIndonesianDate(instant: string): CalendarDate {
  return dateAtOffset(instant, 9 * 60);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
