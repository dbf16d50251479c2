import { coverageExitOf, type AgreementEvent } from '@pks/domain';
import type { ProjectedEvent } from '../projected-event';
import { defineReadModel } from '../read-model';
import { AgreementsWriter } from './agreements.writer';

/** Every event moves the agreement's version, then records what it says. */
function touching<E extends AgreementEvent>(record: (writer: AgreementsWriter, projected: ProjectedEvent<E>) => void) {
  return (writer: AgreementsWriter, projected: ProjectedEvent<E>) => {
    writer.touched(projected);
    record(writer, projected);
  };
}

function exited(writer: AgreementsWriter, projected: ProjectedEvent) {
  const exit = coverageExitOf(projected.event);
  if (exit !== null) writer.exited(projected, exit);
}

/**
 * Agreements and their members: what each agreement is (Pemda, branch, period as extended or terminated, budget,
 * cohorts), its members with their corrections and early exits, the series computed from them (months, daily
 * change points, province totals), its payments and their reversals, the benefits paid under it, and the double funding of workers enrolled in
 * more than one. Answers the list, the summary, coverage, premiums, a worker's coverage and double funding.
 * One read model, because pricing an exit needs the member's row: a second per-member table would cost every
 * rebuild a row per member more.
 */
export const agreementsReadModel = defineReadModel({
  name: 'agreements',
  open: (db, mode) => new AgreementsWriter(db, mode),
  handles: {
    AgreementSigned: (writer, projected) => writer.signed(projected),
    CohortEnrolled: touching((writer, projected) => {
      const { cohortId, name, effectiveFrom, members } = projected.event.data;
      writer.cohort(projected.agreementId, cohortId, name);
      writer.enrolled(projected, cohortId, effectiveFrom, members);
    }),
    CohortBatchEnrolled: touching((writer, projected) => {
      const { cohortId, effectiveFrom, members } = projected.event.data;
      writer.enrolled(projected, cohortId, effectiveFrom, members);
    }),
    PeriodExtended: touching((writer, projected) => {
      const { newEnd, budget } = projected.event.data;
      writer.periodChanged(projected, (before) => ({ ...before, end: newEnd, budget }));
    }),
    AgreementTerminated: touching((writer, projected) => {
      const { effectiveDate, reason } = projected.event.data;
      writer.periodChanged(projected, (before) => ({
        ...before,
        terminationDate: effectiveDate,
        terminationReason: reason,
      }));
    }),
    DeathBenefitPaid: touching((writer, projected) => {
      writer.benefitPaid(projected);
      exited(writer, projected);
    }),
    MemberDied: touching(exited),
    MemberWithdrawn: touching(exited),
    PremiumPaymentRecorded: touching((writer, projected) => writer.paid(projected)),
    PremiumPaymentReversed: touching((writer, projected) => writer.reversed(projected)),
    MemberCorrected: touching((writer, projected) => writer.corrected(projected)),
  },
  endBatch: (writer) => writer.endBatch(),
  finishBulkLoad: (writer) => writer.finishBulkLoad(),
  rolledBack: (writer) => writer.rolledBack(),
});
