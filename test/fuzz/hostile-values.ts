import { ANY, refuse, variants, type Variant } from './class-kit';
import { RawJson, type JsonValue } from './fuzz-request';

/** The hostile values of each kind, with what a request carrying one must get. */

export const BAD_DATES: Variant<string>[] = [
  ...variants(refuse([400]), [
    ['30 February', '2025-02-30'],
    ['29 February of a common year', '2025-02-29'],
    ['31 April', '2025-04-31'],
    ['month 13', '2025-13-01'],
    ['month 00', '2025-00-10'],
    ['day 00', '2025-10-00'],
    ['year 9999', '9999-12-31'],
    ['five-digit year', '10000-01-01'],
    ['year below 1900', '1899-12-31'],
    ['year 0000', '0000-01-01'],
    ['year above 2199', '2200-01-01'],
    ['unpadded', '2025-1-5'],
    ['no dashes', '20250105'],
    ['slashes', '2025/01/05'],
    ['day first', '05-01-2025'],
    ['signed year', '+2025-01-05'],
    ['an instant', '2025-01-05T00:00:00Z'],
    ['leading space', ' 2025-01-05'],
    ['trailing space', '2025-01-05 '],
    ['a word', 'yesterday'],
    ['fullwidth digits', '２０２５-01-05'],
    ['empty', ''],
  ]),
  ...variants(ANY, [
    ['first day of 1900', '1900-01-01'],
    ['last day of 2199', '2199-12-31'],
    ['29 February of a leap year', '2024-02-29'],
  ]),
];

export const BAD_INSTANTS: Variant<string>[] = [
  ...variants(refuse([400]), [
    ['month 13', '2025-13-01T00:00:00Z'],
    ['30 February', '2025-02-30T00:00:00Z'],
    ['hour 25', '2025-01-01T25:00:00Z'],
    ['minute 60', '2025-01-01T23:60:00Z'],
    ['offset +24:00', '2025-01-01T00:00:00+24:00'],
    ['offset +99:99', '2025-01-01T00:00:00+99:99'],
    ['all nines', '9999-99-99T99:99:99Z'],
    ['no zone', '2025-01-01T00:00:00'],
    ['a date', '2025-01-01'],
    ['ten fraction digits', '2025-01-01T00:00:00.1234567890Z'],
    ['five-digit year', '10000-01-01T00:00:00Z'],
    ['signed year', '+002025-01-01T00:00:00Z'],
    ['a word', 'now'],
    ['epoch number', '1735689600'],
    ['space for T', '2025-01-01 00:00:00Z'],
    ['empty', ''],
  ]),
  ...variants(ANY, [
    // ISO 8601:2004 allows 24:00 for the end of a day (RFC 3339 does not): either answer is defensible.
    ['hour 24', '2025-01-01T24:00:00Z'],
    ['second 60', '2025-06-30T23:59:60Z'],
    ['offset +14:00', '2025-01-01T00:00:00+14:00'],
    ['nine fraction digits', '2025-01-01T00:00:00.123456789Z'],
    ['lower-case z', '2025-01-01T00:00:00z'],
    ['no seconds', '2025-01-01T00:00Z'],
    ['year 1900', '1900-01-01T00:00:00Z'],
  ]),
];

const TWO_53 = 2 ** 53;

export const BAD_MONEY: Variant<JsonValue>[] = [
  ...variants<JsonValue>(refuse([400]), [
    ['negative', -1],
    ['large negative', -94_080_000],
    ['fractional', 0.5],
    ['fractional rupiah', 94_080_000.01],
    ['2^53', new RawJson(String(TWO_53))],
    ['2^53 + 1', new RawJson('9007199254740993')],
    ['1e21', new RawJson('1e21')],
    ['1e300', new RawJson('1e300')],
    ['overflows to Infinity', new RawJson('1e400')],
    ['numeric string', '94080000'],
    ['exponent string', '1e3'],
    ['empty string', ''],
    ['boolean', true],
    ['array', [94_080_000]],
    ['tiny negative', -0.0001],
  ]),
  ...variants<JsonValue>(ANY, [
    ['zero', 0],
    ['2^53 - 1', Number.MAX_SAFE_INTEGER],
    ['exponent literal 1e3', new RawJson('1e3')],
    ['decimal literal 1.0', new RawJson('1000000.0')],
    ['negative zero', new RawJson('-0')],
  ]),
];

/** Only control characters: never a name, a reason or a reference. */
export const CONTROL_ONLY: Variant<string>[] = variants(refuse([400]), [
  ['one NUL', '\u0000'],
  ['NULs', '\u0000\u0000\u0000'],
  ['C0 controls', '\u0001\u0002\u001b'],
  ['DEL', '\u007f'],
  ['C1 control', '\u0085'],
  ['tab, newline, return', '\t\n\r'],
]);

export const CONTROL_MIXED: Variant<string>[] = variants(ANY, [
  ['NUL inside', 'Maria\u0000Ngongo'],
  ['bell at the end', 'Maria Ngongo\u0007'],
  ['lone surrogate', 'Maria \ud800'],
  ['zero-width space only', '\u200b'],
  ['right-to-left override', '\u202eognogN airaM'],
  ['spaces only', '   '],
  ['line separator', 'Maria\u2028Ngongo'],
]);

/** Structurally invalid NIKs (DOMAIN.md rule 3): each breaks one part of the 16 digits. */
export const BAD_NIKS: Variant<string>[] = variants(refuse(), [
  ['15 digits', '531801410790001'],
  ['17 digits', '53180141079000011'],
  ['letters', 'ABCDEFGHIJKLMNOP'],
  ['all zeros', '0000000000000000'],
  ['province 99', '9918014107900001'],
  ['province 20', '2018014107900001'],
  ['day 00', '5318010007900001'],
  ['day 32', '5318013207900001'],
  ['day 72', '5318017207900001'],
  ['month 00', '5318014100900001'],
  ['month 13', '5318014113900001'],
  ['serial 0000', '5318014107900000'],
  ['spaces', '5318 0141 0790 0001'],
  ['fullwidth digits', '５３１８０１４１０７９０００１'],
  ['Arabic-Indic digits', '٥٣١٨٠١٤١٠٧٩٠٠٠١'],
  ['plus sign', '+531801410790001'],
  ['trailing newline', '5318014107900001\n'],
  ['empty', ''],
]);
