import { dateAtOffset, isInstant, latestIndonesianDate, parseInstant } from './instant';

describe('instants', () => {
  it('are read in UTC, whatever offset they were written with', () => {
    expect(parseInstant('2025-11-10T06:00:00+07:00')).toBe('2025-11-09T23:00:00.000Z');
    expect(parseInstant('2025-11-10T06:00:00+0700')).toBe('2025-11-09T23:00:00.000Z');
    expect(parseInstant('2025-11-09T23:00Z')).toBe('2025-11-09T23:00:00.000Z');
    expect(parseInstant('2025-12-31T23:30:00-01:00')).toBe('2026-01-01T00:30:00.000Z');
    expect(parseInstant('2025-11-09T23:00:00.123456789z')).toBe('2025-11-09T23:00:00.123Z');
  });

  it.each([
    ['a month 13', '2025-13-01T00:00:00Z'],
    ['hour 25', '2025-11-01T25:00:00Z'],
    ['minute 60', '2025-11-01T23:60:00Z'],
    ['second 60', '2025-11-01T23:59:60Z'],
    ['an offset of +24:00', '2025-11-01T00:00:00+24:00'],
    ['an offset of -13:00', '2025-11-01T00:00:00-13:00'],
    ['offset minutes 60', '2025-11-01T00:00:00+07:60'],
    ['every field out of range', '9999-99-99T99:99:99Z'],
    ['30 February (never rolled over to 2 March)', '2025-02-30T00:00:00Z'],
    ['a year outside the calendar', '9999-12-31T00:00:00Z'],
    ['no time zone (the server zone would be guessed)', '2025-11-09T23:00:00'],
    ['a date alone', '2025-11-09'],
    ['prose', 'Nov 9 2025 23:00'],
    ['a number', 1731193200000],
  ])('refuses %s', (_what, value) => {
    expect(parseInstant(value)).toBeNull();
    expect(isInstant(value)).toBe(false);
  });

  it('accepts the easternmost and westernmost zones', () => {
    expect(parseInstant('2025-11-10T14:00:00+14:00')).toBe('2025-11-10T00:00:00.000Z');
    expect(parseInstant('2025-11-09T12:00:00-12:00')).toBe('2025-11-10T00:00:00.000Z');
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
      expect(latestIndonesianDate('2025-11-10T00:30:00+09:00')).toBe('2025-11-10');
      expect(dateAtOffset('2025-11-09T23:00:00Z', 0)).toBe('2025-11-09');
    });

    it('refuses an instant without a time zone rather than read it in the server zone', () => {
      expect(() => latestIndonesianDate('2025-11-09T23:00:00')).toThrow(/instant/);
      expect(() => latestIndonesianDate('not a time')).toThrow(/instant/);
    });
  });
});
