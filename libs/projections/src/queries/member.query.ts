import { minDate, monthsOf } from '@pks/domain';
import type { ReadModels } from '../read-models';

interface MemberRow {
  agreementId: string;
  regionCode: string;
  pemdaName: string;
  cohortId: string;
  name: string;
  occupation: string;
  villageCode: string;
  declaredIncome: number;
  coveredFrom: string;
  lastCoveredDay: string;
  exit: string | null;
  exitReason: string | null;
}

/** API.md "worker's coverage": a NIK across agreements, with any benefit paid. Null when never enrolled. */
export function memberCoverage(models: ReadModels, nik: string) {
  const rows = models.db
    .prepare(
      `SELECT m.agreement_id AS agreementId, a.region_code AS regionCode,
      a.pemda_name AS pemdaName, m.cohort_id AS cohortId, m.name, m.occupation, m.village_code AS villageCode,
      m.declared_income AS declaredIncome, m.covered_from AS coveredFrom,
      (SELECT last_covered_day FROM rm_periods p WHERE p.agreement_id = m.agreement_id ORDER BY position DESC LIMIT 1) AS lastCoveredDay,
      (SELECT MIN(last_day) FROM rm_coverage_exits e WHERE e.agreement_id = m.agreement_id AND e.nik = m.nik) AS exit,
      (SELECT reason FROM rm_coverage_exits e WHERE e.agreement_id = m.agreement_id AND e.nik = m.nik
        ORDER BY last_day LIMIT 1) AS exitReason
    FROM rm_members m JOIN rm_agreements a ON a.agreement_id = m.agreement_id
    WHERE m.nik = ? ORDER BY m.covered_from, m.agreement_id`,
    )
    .all(nik) as MemberRow[];
  if (rows.length === 0) return null;
  const benefits = models.db
    .prepare(
      `SELECT claim_id AS claimId, agreement_id AS agreementId, date_of_death AS dateOfDeath,
      paid_on AS paidOn, cause, program, total, components, scholarship_eligible AS scholarshipEligible,
      heir_name AS heirName, heir_relationship AS heirRelationship
    FROM rm_benefits WHERE nik = ?`,
    )
    .all(nik) as { components: string; scholarshipEligible: number }[];
  const latest = rows[rows.length - 1];
  return {
    nik,
    name: latest.name,
    agreements: rows.map((r) => {
      const coveredTo = r.exit === null ? r.lastCoveredDay : minDate(r.exit, r.lastCoveredDay);
      return {
        agreementId: r.agreementId,
        pemda: { regionCode: r.regionCode, name: r.pemdaName },
        cohortId: r.cohortId,
        occupation: r.occupation,
        villageCode: r.villageCode,
        declaredIncome: r.declaredIncome,
        coverage: { from: r.coveredFrom, to: coveredTo },
        ...(r.exit !== null && r.exit < r.lastCoveredDay ? { endedBy: r.exitReason } : {}),
        personMonths: monthsOf(r.coveredFrom, coveredTo).length,
      };
    }),
    benefit:
      benefits.length === 0
        ? null
        : {
            ...benefits[0],
            components: JSON.parse(benefits[0].components) as Record<string, number>,
            scholarshipEligible: benefits[0].scholarshipEligible === 1,
          },
  };
}
