import type Database from 'better-sqlite3';
import { FIRST_PAGE, type Page } from '../page';
import { coversRegion, EVERYTHING, scopeMatch, scopeParams, type ReadScope } from '../read-scope';
import { namedRegionMatch, regionParams } from '../region-match';

/**
 * Rule 11's report: every worker covered by two agreements in the same months, with the months and the premium
 * paid twice. With a region, the pairs where either agreement belongs to it; with a scope, the pairs where either
 * agreement is in it (the other one is named: the overlap is what the report is for). Items come a page at a time
 * (by NIK); the totals cover every matching pair.
 */
export function doubleFunding(
  db: Database.Database,
  regionCode?: string,
  page: Page = FIRST_PAGE,
  scope: ReadScope = EVERYTHING,
) {
  const [code] = regionParams(regionCode);
  const province = code.slice(0, 2);
  const scoped = !coversRegion(scope, regionCode);
  // The province columns are indexed: they narrow the scan before the exact region test. Totals of the country
  // and of a province are kept by the projection; a regency's, and a scope's, are added up here.
  const inRegion =
    code === ''
      ? '1 = 1'
      : `(province_a = @province OR province_b = @province)
    AND (${namedRegionMatch('region_a')} OR ${namedRegionMatch('region_b')})`;
  const where = scoped
    ? `${inRegion} AND (EXISTS (SELECT 1 FROM rm_agreements r WHERE r.agreement_id IN (agreement_a, agreement_b)
        AND ${scopeMatch(scope, 'r.region_code', 'r.branch_code')}))`
    : inRegion;
  const params = { code, province, ...(scoped ? scopeParams(scope) : {}) };
  const rows = db
    .prepare(
      `SELECT nik, agreement_a AS a, agreement_b AS b, months, premium FROM rm_agreements_double_funding
    WHERE ${where} ORDER BY nik, agreement_a, agreement_b LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: page.limit, offset: page.offset }) as {
    nik: string;
    a: string;
    b: string;
    months: string;
    premium: number;
  }[];
  const totals =
    /^\d{0,2}$/.test(code) && !scoped
      ? (db
          .prepare(
            `SELECT COALESCE(MAX(count), 0) AS count, COALESCE(MAX(premium), 0) AS premiumPaidTwice
        FROM rm_agreements_double_funding_totals WHERE scope = ?`,
          )
          .get(code) as { count: number; premiumPaidTwice: number })
      : (db
          .prepare(
            `SELECT COUNT(*) AS count, COALESCE(SUM(premium), 0) AS premiumPaidTwice
        FROM rm_agreements_double_funding WHERE ${where}`,
          )
          .get(params) as { count: number; premiumPaidTwice: number });
  return {
    items: rows.map((row) => ({
      nik: row.nik,
      agreements: [row.a, row.b],
      months: JSON.parse(row.months) as string[],
      premiumPaidTwice: row.premium,
    })),
    totals,
    page: { ...page, returned: rows.length },
  };
}
