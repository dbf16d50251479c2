import { isCalendarDate } from './calendar-date';
import type { ValidationIssue } from './domain-error';

/** Collects validation issues of a command's fields, so that one answer names every bad field. */
export class FieldChecks {
  readonly issues: ValidationIssue[] = [];

  check(ok: boolean, path: string, reason: string): boolean {
    if (!ok) this.issues.push({ path, reason });
    return ok;
  }

  text(value: unknown, path: string, maxLength = 200): value is string {
    return this.check(
      typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength,
      path,
      `must be a non-empty text of at most ${maxLength} characters`,
    );
  }

  pattern(value: unknown, pattern: RegExp, path: string, reason: string): value is string {
    return this.check(typeof value === 'string' && pattern.test(value), path, reason);
  }

  date(value: unknown, path: string): value is string {
    return this.check(isCalendarDate(value), path, 'must be an existing calendar date YYYY-MM-DD');
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
