import type { CalendarDate } from '@pks/domain';
import type { ReadModels } from '../read-models';
import { regionMatch, regionParams } from '../projected-event';

export interface BenefitsFilter {
  readonly agreementId?: string;
  readonly regionCode?: string;
  /** Paid on or after. */
  readonly from?: CalendarDate;
  /** Paid on or before. */
  readonly to?: CalendarDate;
}

interface BenefitRow {
  claimId: string; agreementId: string; regionCode: string; nik: string; dateOfDeath: string; paidOn: string;
  program: 'JKK' | 'JKM'; total: number; components: string; scholarshipEligible: number;
}

/** API.md "benefits": every benefit paid that matches the filter, with totals by program. */
export function benefitDisbursements(models: ReadModels, filter: BenefitsFilter) {
  const rows = models.db.prepare(`SELECT b.claim_id AS claimId, b.agreement_id AS agreementId, a.region_code AS regionCode,
      b.nik, b.date_of_death AS dateOfDeath, b.paid_on AS paidOn, b.program, b.total, b.components,
      b.scholarship_eligible AS scholarshipEligible
    FROM rm_benefits b JOIN rm_agreements a ON a.agreement_id = b.agreement_id
    WHERE (? IS NULL OR b.agreement_id = ?) AND ${regionMatch('a.region_code')}
      AND (? IS NULL OR b.paid_on >= ?) AND (? IS NULL OR b.paid_on <= ?)
    ORDER BY b.paid_on, b.position`).all(
    filter.agreementId ?? null, filter.agreementId ?? null, ...regionParams(filter.regionCode),
    filter.from ?? null, filter.from ?? null, filter.to ?? null, filter.to ?? null) as BenefitRow[];
  const byProgram = { JKM: { count: 0, amount: 0 }, JKK: { count: 0, amount: 0 } };
  for (const row of rows) {
    byProgram[row.program].count += 1;
    byProgram[row.program].amount += row.total;
  }
  return {
    items: rows.map((row) => ({
      ...row, components: JSON.parse(row.components) as Record<string, number>,
      scholarshipEligible: row.scholarshipEligible === 1,
    })),
    totals: { count: rows.length, amount: byProgram.JKM.amount + byProgram.JKK.amount, byProgram },
  };
}
