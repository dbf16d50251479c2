import type Database from 'better-sqlite3';
import { endsCoverageEarly, memberCoverageWindow, personMonthsOf } from '@pks/domain';
import { perDatabase } from '../per-database';
import { EVERYTHING, inScope, type ReadScope } from '../read-scope';
import { workerEnrolmentsOf, type WorkerEnrolment } from './worker-enrolments.reader';

const statements = perDatabase((db) => ({
  benefit: db.prepare(`SELECT claim_id AS claimId, agreement_id AS agreementId, date_of_death AS dateOfDeath,
      paid_on AS paidOn, cause, program, total, components, scholarship_eligible AS scholarshipEligible,
      heir_name AS heirName, heir_relationship AS heirRelationship
    FROM rm_agreements_benefits WHERE nik = ? ORDER BY position LIMIT 1`),
  agreementsOf: db
    .prepare('SELECT agreement_id FROM rm_agreements_members WHERE nik = ? ORDER BY agreement_id')
    .pluck(),
}));

function enrolmentView(r: WorkerEnrolment) {
  const window = memberCoverageWindow(r.coveredFrom, r.lastCoveredDay, r.exit?.lastDay);
  const endedEarly = r.exit !== null && endsCoverageEarly(r.exit.lastDay, r.lastCoveredDay);
  return {
    agreementId: r.agreementId,
    pemda: { regionCode: r.regionCode, name: r.pemdaName },
    cohortId: r.cohortId,
    occupation: r.occupation,
    villageCode: r.villageCode,
    declaredIncome: r.declaredIncome,
    ...(r.incomeTimeline.length > 0 ? { incomeChanges: r.incomeTimeline } : {}),
    coverage: window,
    ...(endedEarly ? { endedBy: r.exit?.reason } : {}),
    personMonths: personMonthsOf(window),
  };
}

/**
 * API.md "worker's coverage": a NIK across the agreements of the caller's scope, with the benefit paid if one of
 * them paid it. Null when no agreement of the scope ever enrolled it: the same answer as for a NIK never
 * enrolled, so that a scoped caller learns nothing of enrolments elsewhere.
 */
export function memberCoverage(db: Database.Database, nik: string, scope: ReadScope = EVERYTHING) {
  const rows = workerEnrolmentsOf(db)
    .of(nik)
    .filter((row) => inScope(scope, row.regionCode, row.branchCode));
  if (rows.length === 0) return null;
  const paid = statements(db).benefit.get(nik) as
    { agreementId: string; components: string; scholarshipEligible: number } | undefined;
  const benefit = rows.some((row) => row.agreementId === paid?.agreementId) ? paid : undefined;
  return {
    nik,
    name: rows[rows.length - 1].name,
    agreements: rows.map(enrolmentView),
    benefit:
      benefit === undefined
        ? null
        : {
            ...benefit,
            components: JSON.parse(benefit.components) as Record<string, number>,
            scholarshipEligible: benefit.scholarshipEligible === 1,
          },
  };
}
