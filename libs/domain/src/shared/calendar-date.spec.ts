import {
  addDays,
  daysInMonth,
  fromDayNumber,
  isCalendarDate,
  isCalendarMonth,
  isLeapYear,
  lastDayOf,
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

  describe('the accepted calendar, 1900 to 2199', () => {
    it.each(['1899-12-31', '2200-01-01', '9999-12-31', '10000-01-01', '0000-01-01'])('refuses %s', (value) => {
      expect(isCalendarDate(value)).toBe(false);
    });

    it.each(['1900-01-01', '2199-12-31'])('accepts its edge %s', (value) => {
      expect(isCalendarDate(value)).toBe(true);
    });

    it('counts the months of its whole span without comparing text', () => {
      const months = monthsOf('1900-01-01', '2199-12-31');
      expect(months).toHaveLength(300 * 12);
      expect([months[0], months[months.length - 1]]).toEqual(['1900-01', '2199-12']);
    });

    it('steps from December 9999 to January 10000 instead of looping, even outside the calendar', () => {
      expect(nextMonth('9999-12')).toBe('10000-01');
      expect(monthsOf('9999-11-01', '9999-12-31')).toEqual(['9999-11', '9999-12']);
    });

    it('tells months of the calendar from other text', () => {
      expect(isCalendarMonth('2025-11')).toBe(true);
      expect(['2025-13', '2025-00', '2200-01', '2025-1', '2025-11-01', 202511].map(isCalendarMonth)).toEqual([
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
    });
  });
});
