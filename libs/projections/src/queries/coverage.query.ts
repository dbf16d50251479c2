import {
  dailyCoverage, monthlyCoverage, monthsOf, firstDayOf,
  type CalendarDate, type DailyCoverage, type MonthlyCoverage,
} from '@pks/domain';
import type { ReadModels } from '../read-models';
import { regionMatch, regionParams } from '../projected-event';

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

/** Coverage series of one agreement (null when it does not exist, or did not yet at `asKnownAt`). */
export function agreementCoverage(models: ReadModels, agreementId: string, request: CoverageRequest) {
  if (request.asKnownAt === undefined) {
    const exists = models.db.prepare('SELECT 1 FROM rm_agreements WHERE agreement_id = ?').get(agreementId);
    return exists === undefined ? null : currentSeries(models, { sql: 's.agreement_id = ?', params: [agreementId] }, request);
  }
  const facts = models.coverage.facts(agreementId, request.asKnownAt);
  if (facts === null) return null;
  return seriesOf(request, [monthlyCoverage(facts)], [dailyCoverage(facts, request.from, request.to)]);
}

/** Coverage series of every agreement of a region and the regions below it (a member counts once per agreement). */
export function regionCoverage(models: ReadModels, regionCode: string | undefined, request: CoverageRequest) {
  if (request.asKnownAt === undefined) {
    return currentSeries(models, { sql: regionMatch('a.region_code'), params: regionParams(regionCode) }, request);
  }
  const ids = models.db.prepare(`SELECT agreement_id FROM rm_agreements WHERE ${regionMatch('region_code')}`)
    .pluck().all(...regionParams(regionCode)) as string[];
  const facts = ids.map((id) => models.coverage.facts(id, request.asKnownAt)).filter((f) => f !== null);
  return seriesOf(request, facts.map(monthlyCoverage), facts.map((f) => dailyCoverage(f, request.from, request.to)));
}

/** From the series materialized for "now": a sum over the matching agreements in SQL. */
function currentSeries(models: ReadModels, where: { sql: string; params: unknown[] }, request: CoverageRequest) {
  const join = 'JOIN rm_agreements a ON a.agreement_id = s.agreement_id';
  if (request.interval === 'month') {
    const rows = models.db.prepare(`SELECT s.month, SUM(s.covered) AS covered, SUM(s.expected) AS expected
      FROM rm_coverage_month s ${join} WHERE ${where.sql} AND s.month BETWEEN ? AND ? GROUP BY s.month`)
      .all(...where.params, request.from.slice(0, 7), request.to.slice(0, 7)) as { month: string; covered: number; expected: number }[];
    return seriesOf(request, [rows.map((r) => ({ month: r.month, coveredMembers: r.covered, expected: r.expected }))], []);
  }
  const rows = models.db.prepare(`SELECT s.day, SUM(s.covered) AS covered FROM rm_coverage_day s ${join}
    WHERE ${where.sql} AND s.day BETWEEN ? AND ? GROUP BY s.day`)
    .all(...where.params, request.from, request.to) as { day: string; covered: number }[];
  return seriesOf(request, [], [rows.map((r) => ({ day: r.day, coveredMembers: r.covered }))]);
}

/** Adds up per-agreement series and fills every period of the range, uncovered ones with 0. */
function seriesOf(request: CoverageRequest, months: MonthlyCoverage[][], days: DailyCoverage[][]) {
  const totals = new Map<string, number>();
  if (request.interval === 'month') {
    for (const series of months) for (const m of series) totals.set(m.month, (totals.get(m.month) ?? 0) + m.coveredMembers);
    const series: CoveragePoint[] = monthsOf(firstDayOf(request.from.slice(0, 7)), request.to)
      .map((month) => ({ period: month, coveredMembers: totals.get(month) ?? 0, personMonths: totals.get(month) ?? 0 }));
    return { interval: request.interval, ...(request.asKnownAt ? { asKnownAt: request.asKnownAt } : {}), series };
  }
  for (const series of days) for (const d of series) totals.set(d.day, (totals.get(d.day) ?? 0) + d.coveredMembers);
  const series: CoveragePoint[] = dailyRange(request.from, request.to)
    .map((day) => ({ period: day, coveredMembers: totals.get(day) ?? 0 }));
  return { interval: request.interval, ...(request.asKnownAt ? { asKnownAt: request.asKnownAt } : {}), series };
}

function dailyRange(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  return dailyCoverage({ groups: [], exits: [], lastCoveredDay: from }, from, to).map((d) => d.day);
}
