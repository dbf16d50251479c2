import type { Page } from './page';

/**
 * A query's answer already written as JSON, from the JSON its read model stores: a page of double funding is
 * about 130 KB of stored JSON that would otherwise be parsed into objects only to be written out again (0.85 ms
 * a page). `niks` are the NIKs it names, in order, once each (what the access log records, rule 12); `value()`
 * is the same answer as objects, for a caller who must change it (masking) or read it.
 */
export class JsonAnswer<T> {
  constructor(
    readonly json: string,
    readonly niks: readonly string[],
  ) {}

  value(): T {
    return JSON.parse(this.json) as T;
  }
}

/**
 * A page of items SQLite wrote as JSON (`item`, with the NIK it names), as the API answers a page:
 * `{"items":[...],"totals":...,"page":{...page, returned}}`; each NIK named once, in the order named.
 */
export function pageAnswer<T>(
  rows: readonly { readonly nik: string; readonly item: string }[],
  totals: unknown,
  page: Page,
): JsonAnswer<T> {
  const items = rows.map((row) => row.item).join(',');
  const pageJson = JSON.stringify({ ...page, returned: rows.length });
  return new JsonAnswer(`{"items":[${items}],"totals":${JSON.stringify(totals)},"page":${pageJson}}`, [
    ...new Set(rows.map((row) => row.nik)),
  ]);
}
