import type Database from 'better-sqlite3';
import type { CalendarDate } from '@pks/domain';
import { pageAnswer, type JsonAnswer } from '../json-answer';
import { FIRST_PAGE, type Page, type ReadModelsReader } from '../page';
import { coversRegion, EVERYTHING, scopeMatch, scopeParams, type ReadScope } from '../read-scope';
import { preparedOn } from '../per-database';
import { regionIn, regionParams } from '../region-match';

export interface BenefitsFilter {
  readonly agreementId?: string;
  readonly regionCode?: string;
  /** Paid on or after. */
  readonly from?: CalendarDate;
  /** Paid on or before. */
  readonly to?: CalendarDate;
  /** The agreements the caller may read; every one by default. */
  readonly scope?: ReadScope;
}

/** A benefit as the API answers it (and an export's row). */
export interface BenefitItem {
  readonly claimId: string;
  readonly agreementId: string;
  readonly regionCode: string;
  readonly nik: string;
  readonly dateOfDeath: string;
  readonly paidOn: string;
  readonly program: 'JKK' | 'JKM';
  readonly total: number;
  readonly components: Record<string, number>;
  readonly scholarshipEligible: boolean;
}

/**
 * The rows matching a filter, with a condition only for what the filter names: a catch-all `(@x IS NULL OR ...)`
 * keeps SQLite off the province index, so each shape of filter gets its own SQL (and its statement, once).
 */
function from(filter: BenefitsFilter): string {
  const conditions = [
    filter.agreementId === undefined ? null : 'b.agreement_id = @agreementId',
    filter.regionCode ? `b.province = @province AND ${regionIn('b.region_code')}` : null,
    filter.from === undefined ? null : 'b.paid_on >= @from',
    filter.to === undefined ? null : 'b.paid_on <= @to',
    filter.scope === undefined || filter.scope.everything
      ? null
      : scopeMatch(filter.scope, 'b.region_code', 'b.branch_code'),
  ].filter((condition) => condition !== null);
  return `FROM rm_benefits b WHERE ${conditions.length === 0 ? '1 = 1' : conditions.join(' AND ')}`;
}

/**
 * Each item written by SQLite, in the fields' order of `BenefitItem`, for a page and an export alike: 100 rows of
 * ten columns made into objects, then written out again, cost twice as much as SQLite writing them (`json()`
 * checks the stored components, so a malformed one fails the query instead of reaching the answer).
 */
const ITEM_JSON = `b.nik, json_object('claimId', b.claim_id, 'agreementId', b.agreement_id, 'regionCode', b.region_code,
  'nik', b.nik, 'dateOfDeath', b.date_of_death, 'paidOn', b.paid_on, 'program', b.program, 'total', b.total,
  'components', json(b.components),
  'scholarshipEligible', CASE b.scholarship_eligible WHEN 1 THEN json('true') ELSE json('false') END) AS item`;

function filterParams(filter: BenefitsFilter) {
  const code = regionParams(filter.regionCode)[0];
  return {
    ...scopeParams(filter.scope ?? EVERYTHING),
    agreementId: filter.agreementId ?? null,
    code,
    province: code.slice(0, 2),
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
}

/** Every benefit matching the filter in payment order, a page at a time, each page read anew (for exports). */
export function* benefitItems(read: ReadModelsReader, filter: BenefitsFilter, pageSize = 1_000) {
  const params = filterParams(filter);
  const sql = `SELECT ${ITEM_JSON}, b.paid_on AS paidOn, b.position ${from(filter)}
    AND (b.paid_on, b.position) > (@afterPaidOn, @afterPosition) ORDER BY b.paid_on, b.position LIMIT @limit`;
  for (let after = { paidOn: '', position: 0 }; ;) {
    const page = { ...params, afterPaidOn: after.paidOn, afterPosition: after.position, limit: pageSize };
    const rows = read((db) => preparedOn(db, sql).all(page) as { item: string; paidOn: string; position: number }[]);
    yield* rows.map((row) => JSON.parse(row.item) as BenefitItem);
    if (rows.length < pageSize) return;
    after = { paidOn: rows[rows.length - 1].paidOn, position: rows[rows.length - 1].position };
  }
}

/** A page of benefits, as the API answers it. */
export interface BenefitsAnswer {
  readonly items: BenefitItem[];
  readonly totals: {
    readonly count: number;
    readonly amount: number;
    readonly byProgram: Record<'JKM' | 'JKK', { count: number; amount: number }>;
  };
  readonly page: Page & { readonly returned: number };
}

/**
 * API.md "benefits": the benefits paid that match the filter within the caller's scope, a page at a time in
 * payment order, with totals by program over every match.
 */
export function benefitDisbursements(db: Database.Database, filter: BenefitsFilter, page: Page = FIRST_PAGE) {
  return benefitDisbursementsJson(db, filter, page).value();
}

/** The same page written as JSON by SQLite, never made into objects on the way. */
export function benefitDisbursementsJson(
  db: Database.Database,
  filter: BenefitsFilter,
  page: Page = FIRST_PAGE,
): JsonAnswer<BenefitsAnswer> {
  const scope = filter.scope ?? EVERYTHING;
  const params = filterParams(filter);
  const items = `SELECT ${ITEM_JSON} ${from(filter)}
    ORDER BY b.paid_on, b.position LIMIT @limit OFFSET @offset`;
  const byProgram = { JKM: { count: 0, amount: 0 }, JKK: { count: 0, amount: 0 } };
  const unfiltered =
    params.agreementId === null &&
    params.from === null &&
    params.to === null &&
    /^\d{0,2}$/.test(params.code) &&
    coversRegion(scope, filter.regionCode);
  const sums = (
    unfiltered
      ? preparedOn(db, 'SELECT program, count, amount FROM rm_benefits_totals WHERE scope = ?').all(params.code)
      : preparedOn(
          db,
          `SELECT b.program, COUNT(*) AS count, SUM(b.total) AS amount ${from(filter)}
          GROUP BY b.program`,
        ).all(params)
  ) as { program: 'JKM' | 'JKK'; count: number; amount: number }[];
  for (const sum of sums) byProgram[sum.program] = { count: sum.count, amount: sum.amount };
  const totals = {
    count: byProgram.JKM.count + byProgram.JKK.count,
    amount: byProgram.JKM.amount + byProgram.JKK.amount,
    byProgram,
  };
  return pageAnswer(db, items, params, totals, page);
}
