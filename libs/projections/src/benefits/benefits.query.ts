import type Database from 'better-sqlite3';
import type { CalendarDate } from '@pks/domain';
import { JsonAnswer } from '../json-answer';
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

interface BenefitRow {
  claimId: string;
  agreementId: string;
  regionCode: string;
  nik: string;
  dateOfDeath: string;
  paidOn: string;
  program: 'JKK' | 'JKM';
  total: number;
  components: string;
  scholarshipEligible: number;
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

const ITEM_COLUMNS = `b.claim_id AS claimId, b.agreement_id AS agreementId, b.region_code AS regionCode,
  b.nik, b.date_of_death AS dateOfDeath, b.paid_on AS paidOn, b.program, b.total, b.components,
  b.scholarship_eligible AS scholarshipEligible`;

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

function itemOf(row: BenefitRow) {
  return {
    ...row,
    components: JSON.parse(row.components) as Record<string, number>,
    scholarshipEligible: row.scholarshipEligible === 1,
  };
}

/** Every benefit matching the filter in payment order, a page at a time, each page read anew (for exports). */
export function* benefitItems(read: ReadModelsReader, filter: BenefitsFilter, pageSize = 1_000) {
  const params = filterParams(filter);
  const sql = `SELECT ${ITEM_COLUMNS}, b.position ${from(filter)}
    AND (b.paid_on, b.position) > (@afterPaidOn, @afterPosition) ORDER BY b.paid_on, b.position LIMIT @limit`;
  for (let after = { paidOn: '', position: 0 }; ;) {
    const page = { ...params, afterPaidOn: after.paidOn, afterPosition: after.position, limit: pageSize };
    const rows = read((db) => preparedOn(db, sql).all(page) as (BenefitRow & { position: number })[]);
    yield* rows.map(({ position: _position, ...row }) => itemOf(row));
    if (rows.length < pageSize) return;
    after = { paidOn: rows[rows.length - 1].paidOn, position: rows[rows.length - 1].position };
  }
}

/** A benefit as the API answers it. */
export type BenefitItem = ReturnType<typeof itemOf>;

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
 * Each item written by SQLite, in the fields' order of `itemOf`'s objects: 100 rows of ten columns made into
 * objects, then written out again, cost twice as much as SQLite writing them (`json()` checks the stored
 * components, so a malformed one fails the query instead of reaching the answer).
 */
const ITEM_JSON = `b.nik, json_object('claimId', b.claim_id, 'agreementId', b.agreement_id, 'regionCode', b.region_code,
  'nik', b.nik, 'dateOfDeath', b.date_of_death, 'paidOn', b.paid_on, 'program', b.program, 'total', b.total,
  'components', json(b.components),
  'scholarshipEligible', CASE b.scholarship_eligible WHEN 1 THEN json('true') ELSE json('false') END) AS item`;

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
  const rows = preparedOn(
    db,
    `SELECT ${ITEM_JSON} ${from(filter)} ORDER BY b.paid_on, b.position
    LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: page.limit, offset: page.offset }) as { nik: string; item: string }[];
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
  const pageJson = JSON.stringify({ ...page, returned: rows.length });
  return new JsonAnswer(
    `{"items":[${rows.map((row) => row.item).join(',')}],"totals":${JSON.stringify(totals)},"page":${pageJson}}`,
    [...new Set(rows.map((row) => row.nik))],
  );
}
