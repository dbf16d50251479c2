import { EN, ID, type Messages } from './messages';

/** Bahasa Indonesia by default (the users' language); English for anyone who asks. */
export type Language = 'id' | 'en';

const KEY = 'pks-dashboard-language';
let current: Language = readLanguage();

function readLanguage(): Language {
  const stored = localStorage.getItem(KEY);
  return stored === 'en' ? 'en' : 'id';
}

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
}

/** The message `key` in the current language, with `{name}` placeholders filled. */
export function t(key: keyof Messages, values: Record<string, string | number> = {}): string {
  const text = (current === 'en' ? EN : ID)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

const locale = () => (current === 'en' ? 'en-GB' : 'id-ID');

/** Whole rupiah, as the API gives them. */
export function rupiah(amount: number): string {
  return `Rp${new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(amount)}`;
}

export function count(value: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(value);
}

/** A calendar date (`2025-10-28`) or month (`2025-10`) in words; read as a UTC day, never local time. */
export function calendar(value: string): string {
  const isMonth = /^\d{4}-\d{2}$/.test(value);
  const instant = new Date(`${isMonth ? `${value}-01` : value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(instant.getTime())) return value;
  const options: Intl.DateTimeFormatOptions = isMonth
    ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
    : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale(), options).format(instant);
}

/** An instant of the ledger (ISO-8601 UTC), shown in UTC so that every reader sees the same figure. */
export function instant(value: string): string {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return value;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' };
  return `${new Intl.DateTimeFormat(locale(), options).format(parsed)} UTC`;
}
