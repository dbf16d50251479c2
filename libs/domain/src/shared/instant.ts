import { fromDayNumber, isCalendarDate, pad, toDayNumber, type CalendarDate } from './calendar-date';

/**
 * Instants: moments in time, ISO-8601 with their zone (`Z` or an offset). They record when an event happened
 * ("as of", "as known at"); calendar dates never come from them except through an explicit offset.
 */

/** An instant as the ledger stores and compares it: UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export type UtcInstant = string;

/**
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]]` and a zone. Without a zone, a parser would read the time in the server's
 * time zone, so one is required.
 */
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;
const MS_PER_DAY = 86_400_000;
/** Offsets in use on Earth run from UTC-12:00 to UTC+14:00. */
const MAX_OFFSET_MINUTES = { west: 12 * 60, east: 14 * 60 };

/**
 * The UTC form of an instant, or null when the text is not an instant that exists: a date of the accepted
 * calendar (2025-02-30 does not exist), hours 00-23, minutes and seconds 00-59, an offset of a real zone.
 * Nothing rolls over: 2025-02-30T00:00:00Z is refused, not read as 2 March.
 */
export function parseInstant(value: unknown): UtcInstant | null {
  if (typeof value !== 'string') return null;
  const match = INSTANT_PATTERN.exec(value);
  if (match === null || !isCalendarDate(match[1])) return null;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? '0')];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const offset = offsetMinutes(match);
  if (offset === null) return null;
  const millis = Math.floor(Number(`0${match[5] ?? ''}`) * 1000);
  const ms = toDayNumber(match[1]) * MS_PER_DAY + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + millis;
  return formatUtc(ms);
}

export function isInstant(value: unknown): value is string {
  return parseInstant(value) !== null;
}

/** The calendar date of an instant as read on a clock `offsetMinutes` ahead of UTC. */
export function dateAtOffset(instant: string, offsetMinutes: number): CalendarDate {
  const utc = parseInstant(instant);
  if (utc === null) throw new Error(`not an ISO-8601 instant with a zone: ${instant}`);
  return fromDayNumber(Math.floor((utcMillis(utc) + offsetMinutes * 60_000) / MS_PER_DAY));
}

/**
 * The latest calendar date anywhere in Indonesia at an instant: the date in WIT (UTC+9), its easternmost
 * time zone. A date is "in the future" only if it is after this one, so that no region's today is refused.
 */
export function latestIndonesianDate(instant: string): CalendarDate {
  return dateAtOffset(instant, 9 * 60);
}

function offsetMinutes(match: RegExpExecArray): number | null {
  if (match[6].toUpperCase() === 'Z') return 0;
  const [hours, minutes] = [Number(match[8]), Number(match[9])];
  if (minutes > 59) return null;
  const total = hours * 60 + minutes;
  const east = match[7] === '+';
  if (total > (east ? MAX_OFFSET_MINUTES.east : MAX_OFFSET_MINUTES.west)) return null;
  return east ? total : -total;
}

/** Milliseconds since 1970-01-01T00:00Z of a {@link UtcInstant}. */
function utcMillis(utc: UtcInstant): number {
  const time = Number(utc.slice(11, 13)) * 3_600_000 + Number(utc.slice(14, 16)) * 60_000;
  return (
    toDayNumber(utc.slice(0, 10)) * MS_PER_DAY + time + Number(utc.slice(17, 19)) * 1000 + Number(utc.slice(20, 23))
  );
}

function formatUtc(ms: number): UtcInstant {
  const day = Math.floor(ms / MS_PER_DAY);
  let rest = ms - day * MS_PER_DAY;
  const parts = [3_600_000, 60_000, 1000].map((unit) => {
    const part = Math.floor(rest / unit);
    rest -= part * unit;
    return pad(part, 2);
  });
  return `${fromDayNumber(day)}T${parts[0]}:${parts[1]}:${parts[2]}.${pad(rest, 3)}Z`;
}
