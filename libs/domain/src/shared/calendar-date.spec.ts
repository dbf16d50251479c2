import {
  addDays,
  dateAtOffset,
  daysInMonth,
  fromDayNumber,
  isCalendarDate,
  isLeapYear,
  lastDayOf,
  latestIndonesianDate,
  monthsOf,
  nextMonth,
  toDayNumber,
} from './calendar-date';

describe('calendar dates', () => {
  describe('leap years', () => {
    it.each([
      [2024, true],
      [2025, false],
      [2000, true],
      [1900, false],
      [2100, false],
      [2400, true],
    ])('%i is a leap year: %s', (year, leap) => {
      expect(isLeapYear(year)).toBe(leap);
      expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
    });

    it('accepts 29 February only in a leap year', () => {
      expect(isCalendarDate('2024-02-29')).toBe(true);
      expect(isCalendarDate('2025-02-29')).toBe(false);
      expect(isCalendarDate('2000-02-29')).toBe(true);
      expect(isCalendarDate('1900-02-29')).toBe(false);
    });
  });

  it.each(['2025-04-31', '2025-13-01', '2025-00-10', '2025-10-00', '2025-1-01', '25-10-01', '2025-10-01T00:00'])(
    'refuses %s as a calendar date',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  describe('day numbers', () => {
    it('count days from 1970-01-01', () => {
      expect(toDayNumber('1970-01-01')).toBe(0);
      expect(toDayNumber('1970-01-02')).toBe(1);
      expect(toDayNumber('1969-12-31')).toBe(-1);
      // 30 years of 365 days plus the 7 leap days 1972, 1976, ..., 1996.
      expect(toDayNumber('2000-01-01')).toBe(30 * 365 + 7);
    });

    it('agree with the UTC calendar and round-trip every day from 1900 to 2100', () => {
      const first = toDayNumber('1900-01-01');
      const last = toDayNumber('2100-12-31');
      const mismatches: string[] = [];
      for (let day = first; day <= last; day++) {
        const date = fromDayNumber(day);
        const utc = new Date(day * 86_400_000).toISOString().slice(0, 10);
        if (toDayNumber(date) !== day || date !== utc || !isCalendarDate(date)) mismatches.push(`${day}: ${date}`);
      }
      expect(mismatches).toEqual([]);
      // 49 leap years: 1904, 1908, ..., 2096 (2000 among them; 1900 and 2100 are not).
      expect(last - first + 1).toBe(201 * 365 + 49);
    });

    it('step over month, year and leap-day boundaries', () => {
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
      expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
      expect(addDays('2025-10-01', -1)).toBe('2025-09-30');
    });
  });

  describe('months', () => {
    it('lists every month touched by an inclusive range, across a year end', () => {
      expect(monthsOf('2025-10-31', '2026-01-01')).toEqual(['2025-10', '2025-11', '2025-12', '2026-01']);
      expect(monthsOf('2025-10-01', '2025-10-01')).toEqual(['2025-10']);
    });

    it('lists no month when the range ends before it starts', () => {
      expect(monthsOf('2025-10-02', '2025-10-01')).toEqual([]);
    });

    it('knows the last day of each month', () => {
      expect(lastDayOf('2024-02')).toBe('2024-02-29');
      expect(lastDayOf('2025-02')).toBe('2025-02-28');
      expect(lastDayOf('2025-11')).toBe('2025-11-30');
      expect(nextMonth('2025-12')).toBe('2026-01');
    });
  });

  describe('today in Indonesia', () => {
    it('is the date in WIT (UTC+9): 23:00 UTC on 9 November is already 10 November', () => {
      expect(latestIndonesianDate('2025-11-09T23:00:00Z')).toBe('2025-11-10');
    });

    it('turns at 15:00 UTC, midnight WIT', () => {
      expect(latestIndonesianDate('2025-11-09T14:59:59.999Z')).toBe('2025-11-09');
      expect(latestIndonesianDate('2025-11-09T15:00:00.000Z')).toBe('2025-11-10');
    });

    it('reads an instant given with an offset as the same moment', () => {
      expect(latestIndonesianDate('2025-11-10T06:00:00+07:00')).toBe('2025-11-10'); // 23:00 UTC on the 9th
      expect(latestIndonesianDate('2025-11-10T06:00:00+0700')).toBe('2025-11-10');
      expect(latestIndonesianDate('2025-11-10T00:30:00+09:00')).toBe('2025-11-10');
      expect(dateAtOffset('2025-11-09T23:00:00Z', 0)).toBe('2025-11-09');
    });

    it('refuses an instant without a time zone rather than read it in the server zone', () => {
      expect(() => latestIndonesianDate('2025-11-09T23:00:00')).toThrow(/instant/);
      expect(() => latestIndonesianDate('Nov 9 2025 23:00')).toThrow(/instant/);
      expect(() => latestIndonesianDate('not a time')).toThrow(/instant/);
    });
  });
});
