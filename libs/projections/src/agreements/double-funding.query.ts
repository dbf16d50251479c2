import type Database from 'better-sqlite3';
import type { DoublyFundedMonth } from '@pks/domain';
import { pageAnswer, type JsonAnswer } from '../json-answer';
import { FIRST_PAGE, type Page, type ReadModelsReader } from '../page';
import { preparedOn } from '../per-database';
import { coversRegion, EVERYTHING, scopeMatch, scopeParams, type ReadScope } from '../read-scope';
import { namedRegionMatch, regionParams } from '../region-match';

interface DoubleFundingRow {
  nik: string;
  agreements: string;
  months: string;
  byMonth: string;
  premium: number;
}

/** One doubly funded worker of the report (rule 11). */
export interface DoubleFundingItem {
  readonly nik: string;
  readonly agreements: string[];
  readonly months: string[];
  readonly byMonth: DoublyFundedMonth[];
  readonly premiumPaidTwice: number;
}

/** A page of the report, as the API answers it. */
export interface DoubleFundingAnswer {
  readonly items: DoubleFundingItem[];
  readonly totals: { readonly count: number; readonly premiumPaidTwice: number };
  readonly page: Page & { readonly returned: number };
}

const COLUMNS = 'd.nik, d.agreements, d.months, d.by_month AS byMonth, d.premium';

/**
 * Each item written by SQLite from the stored JSON, in the fields' order of `DoubleFundingItem`. When every column
 * has its type and each list is valid JSON (`json_valid`, RFC 8259), the stored texts go in as they are;
 * otherwise `json_object` and `json()` write the item, as they did for every item before: `json()` fails the
 * query on a malformed column instead of letting it reach the answer (and takes the JSON5 a hand may have
 * stored). A province's page, in process with the page joined by SQLite: 0.61 ms this way, 0.77 ms by
 * `json_object` for every item (medians of 10 rounds). (Stored as JSONB the lists were written out a third
 * faster, but `json()` checks only a JSONB value's header, and its strict check, `json_valid(x, 8)`, costs more
 * than checking the text.)
 */
const ITEM_JSON = `d.nik, CASE
  WHEN typeof(d.nik) = 'text' AND typeof(d.premium) = 'integer' AND typeof(d.agreements) = 'text'
    AND typeof(d.months) = 'text' AND typeof(d.by_month) = 'text'
    AND json_valid(d.agreements) AND json_valid(d.months) AND json_valid(d.by_month)
  THEN '{"nik":' || json_quote(d.nik) || ',"agreements":' || d.agreements || ',"months":' || d.months
    || ',"byMonth":' || d.by_month || ',"premiumPaidTwice":' || d.premium || '}'
  ELSE json_object('nik', d.nik, 'agreements', json(d.agreements), 'months', json(d.months),
    'byMonth', json(d.by_month), 'premiumPaidTwice', d.premium)
  END AS item`;

/** NIKs of the workers with an agreement of the region among theirs; the province column narrows the scan first. */
const OF_REGION = `SELECT r.nik FROM rm_agreements_double_funding_regions r
  WHERE r.province = @province AND ${namedRegionMatch('r.region_code')}`;

/**
 * Rule 11's report: one item per worker covered by more than one agreement in the same months, naming every
 * agreement, the months and the premium paid more than once. With a region, the workers of whom one agreement
 * belongs to it; with a scope, those of whom one agreement is in it (the others are named: the overlap is what
 * the report is for). Items come a page at a time (by NIK); the totals cover every matching worker.
 */
export function doubleFunding(
  db: Database.Database,
  regionCode?: string,
  page: Page = FIRST_PAGE,
  scope: ReadScope = EVERYTHING,
): DoubleFundingAnswer {
  return doubleFundingJson(db, regionCode, page, scope).value();
}

/** The same page written as JSON, never parsed into objects on the way (a page of 100 workers is about 130 KB). */
export function doubleFundingJson(
  db: Database.Database,
  regionCode?: string,
  page: Page = FIRST_PAGE,
  scope: ReadScope = EVERYTHING,
): JsonAnswer<DoubleFundingAnswer> {
  const filter = filterOf(regionCode, scope);
  return pageAnswer(db, pageItemsSql(filter), filter.params, totalsOf(db, filter), page);
}

/** Every matching item within the scope, in NIK order, a page at a time, each page read anew (for exports). */
export function* doubleFundingItems(
  read: ReadModelsReader,
  regionCode?: string,
  scope: ReadScope = EVERYTHING,
  pageSize = 1_000,
) {
  const filter = filterOf(regionCode, scope);
  const sql = `SELECT ${COLUMNS} FROM rm_agreements_double_funding d
    WHERE ${filter.where} AND d.nik > @after ORDER BY d.nik LIMIT @limit`;
  for (let after = ''; ;) {
    const params = { ...filter.params, after, limit: pageSize };
    const rows = read((db) => preparedOn(db, sql).all(params) as DoubleFundingRow[]);
    yield* rows.map(itemOf);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].nik;
  }
}

interface Filter {
  readonly code: string;
  /** Totals of the country and of a province are kept by the projection, for a caller who sees all of it. */
  readonly keptTotals: boolean;
  /** The NIKs of the matching workers, null for every worker. */
  readonly niks: string | null;
  readonly where: string;
  readonly params: Record<string, string>;
}

function filterOf(regionCode: string | undefined, scope: ReadScope): Filter {
  const [code] = regionParams(regionCode);
  const scoped = !coversRegion(scope, regionCode);
  const sets = [...(code === '' ? [] : [OF_REGION]), ...(scoped ? [OF_SCOPE(scope)] : [])];
  const niks = sets.length === 0 ? null : sets.join(' INTERSECT ');
  return {
    code,
    keptTotals: /^\d{0,2}$/.test(code) && !scoped,
    niks,
    where: niks === null ? '1 = 1' : `d.nik IN (${niks})`,
    params: { code, province: code.slice(0, 2), ...(scoped ? scopeParams(scope) : {}) },
  };
}

/**
 * A page of items: with a filter, its NIKs are paged in the narrow region table first, so that only the page's
 * wide rows (every month of every agreement) are read, not every match's.
 */
function pageItemsSql(filter: Filter): string {
  const page =
    filter.niks === null
      ? ''
      : `WHERE d.nik IN (SELECT DISTINCT nik FROM (${filter.niks}) ORDER BY nik LIMIT @limit OFFSET @offset)`;
  return `SELECT ${ITEM_JSON} FROM rm_agreements_double_funding d ${page} ORDER BY d.nik LIMIT @limit${filter.niks === null ? ' OFFSET @offset' : ''}`;
}

/** NIKs of the workers with an agreement of the scope among theirs. */
const OF_SCOPE = (scope: ReadScope) => `SELECT r.nik FROM rm_agreements_double_funding_regions r
  JOIN rm_agreements a ON a.agreement_id = r.agreement_id WHERE ${scopeMatch(scope, 'a.region_code', 'a.branch_code')}`;

/** The kept totals where they are what the caller sees; a regency's, or a scope's, added up here. */
function totalsOf(db: Database.Database, filter: Filter) {
  const sql = filter.keptTotals
    ? `SELECT COALESCE(MAX(count), 0) AS count, COALESCE(MAX(premium), 0) AS premiumPaidTwice
        FROM rm_agreements_double_funding_totals WHERE scope = @code`
    : `SELECT COUNT(*) AS count, COALESCE(SUM(premium), 0) AS premiumPaidTwice
        FROM rm_agreements_double_funding d WHERE ${filter.where}`;
  return preparedOn(db, sql).get(filter.params) as { count: number; premiumPaidTwice: number };
}

function itemOf(row: DoubleFundingRow): DoubleFundingItem {
  return {
    nik: row.nik,
    agreements: JSON.parse(row.agreements) as string[],
    months: JSON.parse(row.months) as string[],
    byMonth: JSON.parse(row.byMonth) as DoublyFundedMonth[],
    premiumPaidTwice: row.premium,
  };
}
