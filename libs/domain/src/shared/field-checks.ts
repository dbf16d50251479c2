import { isCalendarDate, isCalendarMonth } from './calendar-date';
import type { ValidationIssue } from './domain-error';

/** Collects validation issues of a command's fields, so that one answer names every bad field. */
export class FieldChecks {
  readonly issues: ValidationIssue[] = [];

  check(ok: boolean, path: string, reason: string): boolean {
    if (!ok) this.issues.push({ path, reason });
    return ok;
  }

  /**
   * Free text a person reads (names, references, reasons): at most `maxLength` characters, at least one letter
   * or digit, and no control characters or unpaired surrogates, which no document carries and which would
   * corrupt exports and displays.
   */
  text(value: unknown, path: string, maxLength = 200): value is string {
    return this.check(
      typeof value === 'string' && value.length <= maxLength && isReadableText(value),
      path,
      `must be a text of 1 to ${maxLength} characters with a letter or digit and no control characters`,
    );
  }

  pattern(value: unknown, pattern: RegExp, path: string, reason: string): value is string {
    return this.check(typeof value === 'string' && pattern.test(value), path, reason);
  }

  date(value: unknown, path: string): value is string {
    return this.check(isCalendarDate(value), path, 'must be an existing calendar date YYYY-MM-DD');
  }

  month(value: unknown, path: string): value is string {
    return this.check(isCalendarMonth(value), path, 'must be a calendar month YYYY-MM');
  }

  rupiah(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): value is number {
    return this.check(
      Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max,
      path,
      `must be a whole number of rupiah from ${min} to ${max}`,
    );
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): value is T {
    return this.check(allowed.includes(value as T), path, `must be one of ${allowed.join(', ')}`);
  }
}

/** Control characters (C0, DEL, C1) and surrogates that are not part of a pair. */
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isReadableText(value: string): boolean {
  return LETTER_OR_DIGIT.test(value) && !CONTROL_OR_LONE_SURROGATE.test(value);
}
