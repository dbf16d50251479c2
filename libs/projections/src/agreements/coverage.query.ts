import {
  dailyCoverage,
  dailyFromDeltas,
  firstDayOf,
  monthlyCoverage,
  monthsOf,
  type CalendarDate,
  type CoverageDelta,
  type DailyCoverage,
  type MonthlyCoverage,
} from '@pks/domain';
import type Database from 'better-sqlite3';
import { preparedOn } from '../per-database';
import { coversRegion, EVERYTHING, scopeMatch, scopeParams, type ReadScope } from '../read-scope';
import { regionMatch, regionParams } from '../region-match';
import { coverageFactsOf } from './coverage-facts.reader';

export type Interval = 'day' | 'month';

export interface CoverageRequest {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly interval: Interval;
  /** Coverage as the ledger knew it at this instant: only facts recorded up to it count. */
  readonly asKnownAt?: string;
}

export interface CoveragePoint {
  readonly period: string;
  readonly coveredMembers: number;
  readonly personMonths?: number;
}

/** Where the current series of a request are read: one agreement, a province's totals, all provinces, or a regency. */
interface SeriesSource {
  readonly months: string;
  readonly deltas: string;
  readonly params: unknown[];
}

const PROVINCE = /^\d{2}$/;

/** Coverage series of one agreement (null when it does not exist, or did not yet at `asKnownAt`). */
export function agreementCoverage(db: Database.Database, agreementId: string, request: CoverageRequest) {
  if (request.asKnownAt === undefined) {
    const exists = preparedOn(db, 'SELECT 1 FROM rm_agreements WHERE agreement_id = ?').get(agreementId);
    return exists === undefined ? null : currentSeries(db, agreementSource(agreementId), request);
  }
  const facts = coverageFactsOf(db).facts(agreementId, request.asKnownAt);
  if (facts === null) return null;
  return seriesOf(request, [monthlyCoverage(facts)], [dailyCoverage(facts, request.from, request.to)]);
}

/**
 * Coverage series of every agreement of a region and the regions below it, within the caller's scope (a member
 * counts once per agreement).
 */
export function regionCoverage(
  db: Database.Database,
  regionCode: string | undefined,
  request: CoverageRequest,
  scope: ReadScope = EVERYTHING,
) {
  if (request.asKnownAt === undefined) {
    const source = coversRegion(scope, regionCode) ? regionSource(regionCode) : scopedSource(regionCode, scope);
    return currentSeries(db, source, request);
  }
  const ids = db
    .prepare(
      `SELECT agreement_id FROM rm_agreements
      WHERE ${regionMatch('region_code')} AND ${scopeMatch(scope, 'region_code', 'branch_code')}`,
    )
    .pluck()
    .all(...regionParams(regionCode), scopeParams(scope)) as string[];
  const reader = coverageFactsOf(db);
  const facts = ids.map((id) => reader.facts(id, request.asKnownAt)).filter((f) => f !== null);
  return seriesOf(
    request,
    facts.map(monthlyCoverage),
    facts.map((f) => dailyCoverage(f, request.from, request.to)),
  );
}

function agreementSource(agreementId: string): SeriesSource {
  return {
    months: 'SELECT month, covered FROM rm_agreements_month WHERE agreement_id = ? AND month BETWEEN ? AND ?',
    deltas: 'SELECT day, delta FROM rm_agreements_day_delta WHERE agreement_id = ? AND day <= ?',
    params: [agreementId],
  };
}

/** Provinces and the whole country read their totals; a regency adds up its few agreements. */
function regionSource(regionCode: string | undefined): SeriesSource {
  if (regionCode === undefined || regionCode === '' || PROVINCE.test(regionCode)) {
    const where = regionCode ? 'province = ? AND' : '';
    return {
      months: `SELECT month, SUM(covered) AS covered FROM rm_agreements_province_month WHERE ${where} month BETWEEN ? AND ? GROUP BY month`,
      deltas: `SELECT day, SUM(delta) AS delta FROM rm_agreements_province_day_delta WHERE ${where} day <= ? GROUP BY day`,
      params: regionCode ? [regionCode] : [],
    };
  }
  const join = `JOIN rm_agreements r ON r.agreement_id = s.agreement_id WHERE ${regionMatch('r.region_code')}`;
  return {
    months: `SELECT s.month, SUM(s.covered) AS covered FROM rm_agreements_month s ${join} AND s.month BETWEEN ? AND ? GROUP BY s.month`,
    deltas: `SELECT s.day, SUM(s.delta) AS delta FROM rm_agreements_day_delta s ${join} AND s.day <= ? GROUP BY s.day`,
    params: regionParams(regionCode),
  };
}

/** The agreements of a region that the scope covers, added up one by one (a scope narrower than the region). */
function scopedSource(regionCode: string | undefined, scope: ReadScope): SeriesSource {
  const join = `JOIN rm_agreements r ON r.agreement_id = s.agreement_id
    WHERE ${regionMatch('r.region_code')} AND ${scopeMatch(scope, 'r.region_code', 'r.branch_code')}`;
  return {
    months: `SELECT s.month, SUM(s.covered) AS covered FROM rm_agreements_month s ${join} AND s.month BETWEEN ? AND ? GROUP BY s.month`,
    deltas: `SELECT s.day, SUM(s.delta) AS delta FROM rm_agreements_day_delta s ${join} AND s.day <= ? GROUP BY s.day`,
    params: [...regionParams(regionCode), scopeParams(scope)],
  };
}

function currentSeries(db: Database.Database, source: SeriesSource, request: CoverageRequest) {
  if (request.interval === 'month') {
    const rows = preparedOn(db, source.months).all(
      ...source.params,
      request.from.slice(0, 7),
      request.to.slice(0, 7),
    ) as {
      month: string;
      covered: number;
    }[];
    return seriesOf(request, [rows.map((r) => ({ month: r.month, coveredMembers: r.covered, expected: 0 }))], []);
  }
  const deltas = preparedOn(db, source.deltas).all(...source.params, request.to) as CoverageDelta[];
  return seriesOf(request, [], [dailyFromDeltas(deltas, request.from, request.to)]);
}

/** Adds up per-agreement series and fills every period of the range, uncovered ones with 0. */
function seriesOf(request: CoverageRequest, months: MonthlyCoverage[][], days: DailyCoverage[][]) {
  const header = { interval: request.interval, ...(request.asKnownAt ? { asKnownAt: request.asKnownAt } : {}) };
  const totals = new Map<string, number>();
  if (request.interval === 'month') {
    for (const series of months)
      for (const m of series) totals.set(m.month, (totals.get(m.month) ?? 0) + m.coveredMembers);
    const series: CoveragePoint[] = monthsOf(firstDayOf(request.from.slice(0, 7)), request.to).map((month) => ({
      period: month,
      coveredMembers: totals.get(month) ?? 0,
      personMonths: totals.get(month) ?? 0,
    }));
    return { ...header, series };
  }
  // A single daily series already holds every day of the range (dailyFromDeltas): nothing to add up or fill.
  if (days.length === 1) {
    return {
      ...header,
      series: days[0].map((d): CoveragePoint => ({ period: d.day, coveredMembers: d.coveredMembers })),
    };
  }
  for (const series of days) for (const d of series) totals.set(d.day, (totals.get(d.day) ?? 0) + d.coveredMembers);
  const series: CoveragePoint[] = dailyFromDeltas([], request.from, request.to).map(({ day }) => ({
    period: day,
    coveredMembers: totals.get(day) ?? 0,
  }));
  return { ...header, series };
}
