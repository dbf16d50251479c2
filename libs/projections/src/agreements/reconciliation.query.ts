import type Database from 'better-sqlite3';
import { allocatePayments, firstDayOf, lastDayOf, monthsOf, type FundingSource } from '@pks/domain';
import { EVERYTHING, scopeMatch, scopeParams, type ReadScope } from '../read-scope';
import { regionMatch, regionParams } from '../region-match';
import { paidOf, premiumLedgerOf, type PremiumLedger } from './premium-ledger.reader';

export interface RegionPremiumsRequest {
  readonly regionCode?: string;
  /** The APBD (fiscal) year: the calendar year. */
  readonly year: number;
  readonly asKnownAt?: string;
  /** The agreements the caller may read; every one by default. */
  readonly scope?: ReadScope;
}

interface AgreementRow {
  agreementId: string;
  regionCode: string;
  pemdaName: string;
  fundingSource: FundingSource;
  signedOn: string;
}

interface MonthFigures {
  month: string;
  personMonths: number;
  expected: number;
  paid: number;
  outstanding: number;
}

/**
 * The premium reconciliation of a region (and the regions below it) for one APBD year: for each agreement with
 * months due in the year or payments made in it, the year's months with the payments allocated to them (rule 8:
 * every payment of the agreement, earliest due month first), what was paid in the year (SP2D dates, reversals
 * left out), and what is refundable, reported in the year of the agreement's last due month. Totals add them up,
 * over the agreements of the caller's scope only.
 */
export function regionPremiums(db: Database.Database, request: RegionPremiumsRequest) {
  const scope = request.scope ?? EVERYTHING;
  const rows = db
    .prepare(
      `SELECT agreement_id AS agreementId, region_code AS regionCode, pemda_name AS pemdaName,
        funding_source AS fundingSource, signed_on AS signedOn
      FROM rm_agreements WHERE ${regionMatch('region_code')} AND ${scopeMatch(scope, 'region_code', 'branch_code')}
      ORDER BY region_code, agreement_id`,
    )
    .all(...regionParams(request.regionCode), scopeParams(scope)) as AgreementRow[];
  const agreements = rows
    .map((row) => {
      const ledger = premiumLedgerOf(db, row.agreementId, request.asKnownAt);
      return ledger === null ? null : yearOf(row, ledger, String(request.year));
    })
    .filter((item): item is ReturnType<typeof yearOf> => item !== null && item.inYear);
  const year = String(request.year);
  return {
    regionCode: request.regionCode ?? null,
    year: request.year,
    ...(request.asKnownAt === undefined ? {} : { asKnownAt: request.asKnownAt }),
    months: monthTotals(year, agreements),
    ...sums(agreements),
    agreements: agreements.map(({ inYear: _inYear, ...item }) => item),
  };
}

function yearOf(row: AgreementRow, ledger: PremiumLedger, year: string) {
  const { months, refundable } = allocatePayments(ledger.months, paidOf(ledger.payments));
  const yearMonths: MonthFigures[] = months.filter((m) => m.month.startsWith(`${year}-`));
  const paidInYear = ledger.payments
    .filter((p) => p.reversal === undefined && p.paidOn.startsWith(`${year}-`))
    .reduce((sum, p) => sum + p.amount, 0);
  const lastDue = months.length === 0 ? row.signedOn : months[months.length - 1].month;
  return {
    agreementId: row.agreementId,
    pemda: { regionCode: row.regionCode, name: row.pemdaName },
    fundingSource: row.fundingSource,
    expected: total(yearMonths, 'expected'),
    paid: total(yearMonths, 'paid'),
    outstanding: total(yearMonths, 'outstanding'),
    refundable: lastDue.startsWith(year) ? refundable : 0,
    paidInYear,
    months: yearMonths,
    inYear: yearMonths.length > 0 || ledger.payments.some((p) => p.paidOn.startsWith(`${year}-`)),
  };
}

/** The twelve months of the year, each the sum over the agreements (months without premium due as zeros). */
function monthTotals(year: string, agreements: readonly { months: readonly MonthFigures[] }[]): MonthFigures[] {
  return monthsOf(firstDayOf(`${year}-01`), lastDayOf(`${year}-12`)).map((month) => {
    const of = agreements.flatMap((a) => a.months.filter((m) => m.month === month));
    return {
      month,
      personMonths: total(of, 'personMonths'),
      expected: total(of, 'expected'),
      paid: total(of, 'paid'),
      outstanding: total(of, 'outstanding'),
    };
  });
}

type Figure = 'expected' | 'paid' | 'outstanding' | 'refundable' | 'paidInYear';

function sums(items: readonly Record<Figure, number>[]): Record<Figure, number> {
  const figures: Figure[] = ['expected', 'paid', 'outstanding', 'refundable', 'paidInYear'];
  return Object.fromEntries(figures.map((f) => [f, total(items, f)])) as Record<Figure, number>;
}

function total<K extends string>(items: readonly Record<K, number>[], key: K): number {
  return items.reduce((sum, item) => sum + item[key], 0);
}
