import type Database from 'better-sqlite3';
import {
  agreementStatus,
  premiumBalance,
  type AgreementStatus,
  type AgreementSummary,
  type CalendarDate,
  type FundingSource,
  type Program,
} from '@pks/domain';
import { perDatabase } from '../per-database';
import { EVERYTHING, NOBODY, scopeMatch, scopeParams, type ReadScope } from '../read-scope';
import { namedRegionMatch, regionParams } from '../region-match';

export interface AgreementListFilter {
  readonly regionCode?: string;
  readonly status?: AgreementStatus;
  /** The latest calendar date in Indonesia now: an agreement whose last covered day is before it has expired. */
  readonly today: CalendarDate;
  /** The agreements the caller may read; every one by default. */
  readonly scope?: ReadScope;
}

interface AgreementRow {
  agreementId: string;
  regionCode: string;
  pemdaName: string;
  pksNumber: string;
  branchCode: string;
  branchName: string;
  signedOn: string;
  programs: string;
  fundingSource: FundingSource;
  version: number;
  start: string;
  end: string;
  terminationDate: string | null;
  terminationReason: string | null;
  budget: number;
  lastCoveredDay: string;
  members: number;
  expectedPremium: number;
  paidPremium: number;
}

/** An agreement with its current period and the totals of its members, months and payments. */
const AGREEMENT_ROWS = `SELECT a.agreement_id AS agreementId, a.region_code AS regionCode,
    a.pemda_name AS pemdaName, a.pks_number AS pksNumber, a.branch_code AS branchCode, a.branch_name AS branchName,
    a.signed_on AS signedOn, a.programs, a.funding_source AS fundingSource, a.version, p.start, p."end",
    p.termination_date AS terminationDate, p.termination_reason AS terminationReason, p.budget,
    p.last_covered_day AS lastCoveredDay,
    a.members,
    (SELECT COALESCE(SUM(expected), 0) FROM rm_agreements_month s WHERE s.agreement_id = a.agreement_id)
      AS expectedPremium,
    (SELECT COALESCE(SUM(amount), 0) FROM rm_agreements_payments x
      WHERE x.agreement_id = a.agreement_id AND x.reversed_on IS NULL) AS paidPremium
  FROM rm_agreements a
  JOIN rm_agreements_periods p ON p.agreement_id = a.agreement_id
    AND p.position = (SELECT MAX(position) FROM rm_agreements_periods q WHERE q.agreement_id = a.agreement_id)`;

const statements = perDatabase((db) => ({
  list: db.prepare(`${AGREEMENT_ROWS} WHERE ${namedRegionMatch('a.region_code')}
    ORDER BY a.region_code, a.agreement_id`),
  scopedList: db.prepare(`${AGREEMENT_ROWS} WHERE ${namedRegionMatch('a.region_code')}
    AND ${scopeMatch(NOBODY, 'a.region_code', 'a.branch_code')} ORDER BY a.region_code, a.agreement_id`),
  one: db.prepare(`${AGREEMENT_ROWS} WHERE a.agreement_id = ?`),
  cohorts: db.prepare(`SELECT c.cohort_id AS cohortId, c.name,
      (SELECT COALESCE(SUM(count), 0) FROM rm_agreements_groups g
        WHERE g.agreement_id = c.agreement_id AND g.cohort_id = c.cohort_id) AS members
    FROM rm_agreements_cohorts c WHERE c.agreement_id = ? ORDER BY c.cohort_id`),
  benefits: db.prepare(`SELECT COUNT(*) AS count, COALESCE(SUM(total), 0) AS total
    FROM rm_agreements_benefits WHERE agreement_id = ?`),
  version: db.prepare('SELECT version FROM rm_agreements WHERE agreement_id = ?').pluck(),
}));

function statusOf(row: AgreementRow, today: CalendarDate): AgreementStatus {
  return agreementStatus({ terminated: row.terminationDate !== null, lastCoveredDay: row.lastCoveredDay }, today);
}

/** API.md "list agreements": by region prefix and status, within the caller's scope. */
export function listAgreements(db: Database.Database, filter: AgreementListFilter) {
  const [code] = regionParams(filter.regionCode);
  const scope = filter.scope ?? EVERYTHING;
  const sql = statements(db);
  const rows = (scope.everything ? sql.list : sql.scopedList).all({ code, ...scopeParams(scope) }) as AgreementRow[];
  const items = rows.map((r) => ({
    agreementId: r.agreementId,
    status: statusOf(r, filter.today),
    pemda: { regionCode: r.regionCode, name: r.pemdaName },
    branch: { code: r.branchCode, name: r.branchName },
    pksNumber: r.pksNumber,
    signedOn: r.signedOn,
    coverage: { start: r.start, end: r.end, lastCoveredDay: r.lastCoveredDay },
    ...(r.terminationDate ? { terminationDate: r.terminationDate } : {}),
    budget: r.budget,
    members: r.members,
    expectedPremium: r.expectedPremium,
    paidPremium: r.paidPremium,
    version: r.version,
  }));
  // A few thousand agreements at most: the status is the domain's, computed here, not restated in SQL.
  return { items: filter.status === undefined ? items : items.filter((item) => item.status === filter.status) };
}

/** API.md "summary" of one agreement; null when the read model holds no such agreement. */
export function agreementSummary(db: Database.Database, agreementId: string, today: CalendarDate) {
  const sql = statements(db);
  const r = sql.one.get(agreementId) as AgreementRow | undefined;
  if (r === undefined) return null;
  const summary: AgreementSummary = {
    agreementId: r.agreementId,
    status: statusOf(r, today),
    pemda: { regionCode: r.regionCode, name: r.pemdaName },
    branch: { code: r.branchCode, name: r.branchName },
    pksNumber: r.pksNumber,
    signedOn: r.signedOn,
    coverage: { start: r.start, end: r.end, lastCoveredDay: r.lastCoveredDay },
    programs: r.programs.split(',') as Program[],
    funding: { source: r.fundingSource },
    budget: r.budget,
    ...(r.terminationDate !== null
      ? { termination: { effectiveDate: r.terminationDate, reason: r.terminationReason ?? '' } }
      : {}),
    cohorts: sql.cohorts.all(agreementId) as AgreementSummary['cohorts'],
    members: r.members,
    expectedPremium: r.expectedPremium,
    paidPremium: r.paidPremium,
    ...premiumBalance(r.expectedPremium, r.paidPremium),
    benefits: sql.benefits.get(agreementId) as AgreementSummary['benefits'],
    version: r.version,
  };
  return summary;
}

/** The version of an agreement the read model has applied; 0 when it holds no such agreement. */
export function appliedAgreementVersion(db: Database.Database, agreementId: string): number {
  return (statements(db).version.get(agreementId) as number | undefined) ?? 0;
}
