import { isUtf8 } from 'node:buffer';
import type Database from 'better-sqlite3';
import type { Page } from './page';
import { preparedOn } from './per-database';

/**
 * A query's answer already written as JSON, from the JSON its read model stores, as the bytes to send: a page of
 * double funding is about 130 KB of stored JSON that would otherwise be parsed into objects only to be written
 * out again (0.85 ms a page), and, as a JavaScript string, be made from SQLite's text, joined, flattened and
 * encoded back to bytes (about 0.5 ms more, each a copy too big for V8's young generation). `niks` are the NIKs
 * it names, in order, once each (what the access log records, rule 12); `value()` is the same answer as
 * objects, for a caller who must change it (masking) or read it.
 */
export class JsonAnswer<T> {
  constructor(
    readonly json: Buffer,
    readonly niks: readonly string[],
  ) {}

  value(): T {
    return JSON.parse(this.json.toString('utf8')) as T;
  }
}

/**
 * A page of items SQLite writes as JSON, as the API answers a page:
 * `{"items":[...],"totals":...,"page":{...page, returned}}`, each NIK named once, in the order named.
 * `items` is the query of the page's rows, `nik` and `item` (the item's JSON) among its columns, ordered and
 * limited (`ORDER BY ... LIMIT @limit`): SQLite joins the items in that order into the one value handed over,
 * never a string per item. (An `ORDER BY` inside the aggregates would sort the 130 KB again, 0.2 ms a page of
 * double funding; a subquery's `ORDER BY` with a `LIMIT` is one SQLite keeps, and the tests of both pages
 * compare the order of many items with the exports'.) Its own parameters are `@limit`, `@offset`, `@totals`
 * and `@page`.
 * @throws when the stored text is not UTF-8 (a damaged read model), which no JSON answer may carry.
 */
export function pageAnswer<T>(
  db: Database.Database,
  items: string,
  params: Readonly<Record<string, unknown>>,
  totals: unknown,
  page: Page,
): JsonAnswer<T> {
  const { json, niks } = preparedOn(db, pageSql(items)).get({
    ...params,
    limit: page.limit,
    offset: page.offset,
    totals: JSON.stringify(totals),
    page: JSON.stringify(page),
  }) as { json: Buffer; niks: string };
  if (!isUtf8(json)) throw new Error('malformed JSON in the read models: stored text that is not UTF-8');
  return new JsonAnswer(json, [...new Set(JSON.parse(niks) as string[])]);
}

const pageSql = (items: string) => `SELECT
  CAST('{"items":[' || coalesce(group_concat(item, ','), '') || '],"totals":' || @totals
    || ',"page":' || json_set(@page, '$.returned', count(*)) || '}' AS BLOB) AS json,
  json_group_array(nik) AS niks
  FROM (${items})`;
