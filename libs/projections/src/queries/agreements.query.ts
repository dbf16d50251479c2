import type { CalendarDate } from '@pks/domain';
import type { ReadModels } from '../read-models';
import { regionMatch, regionParams } from '../projected-event';

export type AgreementStatus = 'active' | 'expired' | 'terminated';

export interface AgreementListFilter {
  readonly regionCode?: string;
  readonly status?: AgreementStatus;
  /** The latest calendar date in Indonesia now: an agreement whose last covered day is before it has expired. */
  readonly today: CalendarDate;
}

interface AgreementRow {
  agreementId: string;
  regionCode: string;
  pemdaName: string;
  pksNumber: string;
  branchCode: string;
  branchName: string;
  signedOn: string;
  budget: number;
  version: number;
  start: string;
  end: string;
  terminationDate: string | null;
  lastCoveredDay: string;
  members: number;
  expectedPremium: number;
  paidPremium: number;
}

const STATUS_SQL = `CASE WHEN p.termination_date IS NOT NULL THEN 'terminated'
  WHEN p.last_covered_day < @today THEN 'expired' ELSE 'active' END`;

/** API.md "list agreements": by region prefix and status, from the read models. */
export function listAgreements(models: ReadModels, filter: AgreementListFilter) {
  const [code] = regionParams(filter.regionCode);
  const rows = models.db
    .prepare(
      `SELECT a.agreement_id AS agreementId, a.region_code AS regionCode,
      a.pemda_name AS pemdaName, a.pks_number AS pksNumber, a.branch_code AS branchCode, a.branch_name AS branchName,
      a.signed_on AS signedOn, a.budget, a.version, p.start, p."end", p.termination_date AS terminationDate,
      p.last_covered_day AS lastCoveredDay, ${STATUS_SQL} AS status,
      (SELECT COALESCE(SUM(count), 0) FROM rm_coverage_groups g WHERE g.agreement_id = a.agreement_id) AS members,
      (SELECT COALESCE(SUM(expected), 0) FROM rm_coverage_month s WHERE s.agreement_id = a.agreement_id) AS expectedPremium,
      (SELECT COALESCE(SUM(amount), 0) FROM rm_payments x WHERE x.agreement_id = a.agreement_id) AS paidPremium
    FROM rm_agreements a
    JOIN rm_periods p ON p.agreement_id = a.agreement_id
      AND p.position = (SELECT MAX(position) FROM rm_periods q WHERE q.agreement_id = a.agreement_id)
    WHERE ${regionMatch('a.region_code').replace(/\?/g, '@code')} AND (@status IS NULL OR ${STATUS_SQL} = @status)
    ORDER BY a.region_code, a.agreement_id`,
    )
    .all({ code, today: filter.today, status: filter.status ?? null }) as (AgreementRow & {
    status: AgreementStatus;
  })[];
  return {
    items: rows.map((r) => ({
      agreementId: r.agreementId,
      status: r.status,
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
    })),
  };
}
