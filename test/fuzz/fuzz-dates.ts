/** Calendar dates `YYYY-MM-DD` for building valid requests: UTC day arithmetic, never the local time zone. */

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** The last day of the month `months` after the month of `date`. */
export function endOfMonthAfter(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number);
  return dateOf(Date.UTC(y, m + months, 1) / DAY_MS - 1);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
