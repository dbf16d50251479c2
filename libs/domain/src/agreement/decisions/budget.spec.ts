import type { AgreementEvent } from '../agreement.events';
import type { EnrollCohort, ExtendPeriod } from '../agreement.commands';
import {
  agreementSigned,
  cohortEnrolled,
  given,
  members,
  naturalDeathPaid,
  nik,
  sumbaFullyEnrolled,
} from '../../testing/fixtures';

/** Sumba Barat Daya's ceiling, assumed equal to the premium of its 5,600 workers (see fixtures). */
const CEILING = 282_240_000;
const MONTH = 16_800;

const nextBatch = (count: number, first: number, effectiveFrom?: string): EnrollCohort => ({
  type: 'EnrollCohort',
  data: { cohortId: 'pekerja-rentan', members: members(count, first), ...(effectiveFrom ? { effectiveFrom } : {}) },
});
const extendTo = (newEnd: string, additionalBudget?: number): ExtendPeriod => ({
  type: 'ExtendPeriod',
  data: {
    newEnd,
    reference: 'Perda APBD-P 2025 No. 7',
    ...(additionalBudget === undefined ? {} : { additionalBudget }),
  },
});

describe('Rule 6: the budget ceiling', () => {
  const firstBatch: AgreementEvent[] = [
    agreementSigned(),
    cohortEnrolled('pekerja-rentan', 'Pekerja Rentan', members(5_000)),
  ];

  it('accepts an enrolment that brings the expected premium exactly to the ceiling', () => {
    given(firstBatch)
      .when(nextBatch(600, 5_000))
      .then([expect.objectContaining({ type: 'CohortBatchEnrolled' })]);
  });

  it('refuses an enrolment above the ceiling, with both figures: 5,601 x 3 x Rp16,800 against Rp282,240,000', () => {
    const error = given(firstBatch)
      .when(nextBatch(601, 5_000))
      .thenThrows('BUDGET_EXCEEDED', { expectedPremium: 5_601 * 3 * MONTH, ceiling: CEILING });
    expect(error.message).toContain('282290400');
  });

  it('prices a late enrolment by its months: one member from December still exceeds by Rp16,800', () => {
    given(sumbaFullyEnrolled())
      .when(nextBatch(1, 5_600, '2025-12-01'))
      .thenThrows('BUDGET_EXCEEDED', { expectedPremium: CEILING + MONTH, ceiling: CEILING });
  });

  it('counts months freed by a death: after a death in October a member from November fits', () => {
    // The October death frees November and December (2 x Rp16,800); the new member uses exactly those.
    given([...sumbaFullyEnrolled(), naturalDeathPaid(nik(0), '2025-10-20')])
      .when(nextBatch(1, 5_600, '2025-11-01'))
      .then([expect.anything()]);
  });

  it('refuses an extension whose cost the ceiling cannot carry', () => {
    given(sumbaFullyEnrolled())
      .when(extendTo('2026-01-31'))
      .thenThrows('BUDGET_EXCEEDED', { expectedPremium: 5_600 * 4 * MONTH, ceiling: CEILING });
  });

  it('lets an extension raise the ceiling by an additional budget (one more month: Rp94,080,000)', () => {
    given(sumbaFullyEnrolled())
      .when(extendTo('2026-01-31', 5_600 * MONTH))
      .then([
        {
          type: 'PeriodExtended',
          data: {
            previousEnd: '2025-12-31',
            newEnd: '2026-01-31',
            additionalBudget: 94_080_000,
            budget: CEILING + 94_080_000,
            reference: 'Perda APBD-P 2025 No. 7',
          },
        },
      ]);
  });

  it('refuses an additional budget one rupiah short', () => {
    given(sumbaFullyEnrolled())
      .when(extendTo('2026-01-31', 5_600 * MONTH - 1))
      .thenThrows('BUDGET_EXCEEDED', { expectedPremium: 376_320_000, ceiling: 376_319_999 });
  });

  it('keeps the raised ceiling for later enrolments', () => {
    const extended: AgreementEvent = {
      type: 'PeriodExtended',
      data: {
        previousEnd: '2025-12-31',
        newEnd: '2026-01-31',
        additionalBudget: 100_000_000,
        budget: CEILING + 100_000_000,
        reference: 'APBD-P',
      },
    };
    // Headroom: Rp382,240,000 - 5,600 x 4 x Rp16,800 = Rp5,920,000, enough for 88 members x 4 months.
    given([...sumbaFullyEnrolled(), extended])
      .when(nextBatch(88, 5_600))
      .then([expect.anything()]);
    given([...sumbaFullyEnrolled(), extended])
      .when(nextBatch(89, 5_600))
      .thenThrows('BUDGET_EXCEEDED', { expectedPremium: 5_689 * 4 * MONTH, ceiling: 382_240_000 });
  });

  it('extends at no cost an agreement without members, whatever the ceiling', () => {
    given([agreementSigned({ ...agreementSigned().data, funding: { source: 'APBDes', budget: 0 } })])
      .when(extendTo('2026-12-31'))
      .then([expect.objectContaining({ type: 'PeriodExtended' })]);
  });
});
