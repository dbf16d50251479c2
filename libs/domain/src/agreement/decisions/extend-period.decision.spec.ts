import type { ExtendPeriod } from '../agreement.commands';
import type { AgreementEvent } from '../agreement.events';
import { evolve } from '../agreement.state';
import { expectedPremium, memberWindow } from '../coverage';
import {
  agreementSigned,
  cohortEnrolled,
  given,
  members,
  naturalDeathPaid,
  nik,
  signedState,
  sumbaFullyEnrolled,
  TODAY,
} from '../../testing/fixtures';
import { decide } from '../agreement.decider';

const MONTH = 16_800;
const extendTo = (newEnd: string, additionalBudget?: number): ExtendPeriod => ({
  type: 'ExtendPeriod',
  data: { newEnd, reference: 'SK Bupati 12/2025', ...(additionalBudget ? { additionalBudget } : {}) },
});
const withdrawn = (memberNik: string, effectiveDate: string): AgreementEvent => ({
  type: 'MemberWithdrawn',
  data: { nik: memberNik, effectiveDate, reason: 'menjadi pekerja penerima upah' },
});

/** Sumba fully enrolled; one member died in October, one left from 1 Dec, one from 31 Dec (covered to the 30th). */
const history: AgreementEvent[] = [
  ...sumbaFullyEnrolled(),
  naturalDeathPaid(nik(0), '2025-10-15'),
  withdrawn(nik(1), '2025-12-01'),
  withdrawn(nik(2), '2025-12-31'),
];

describe('Rule 7: extending the period', () => {
  it('refuses a new end that is not after the current end', () => {
    given(history)
      .when(extendTo('2025-12-31', 1))
      .thenThrows('INVALID_PERIOD', { newEnd: '2025-12-31', currentEnd: '2025-12-31' });
    given(history).when(extendTo('2025-11-30', 1)).thenThrows('INVALID_PERIOD');
  });

  it('compares with the end as already extended', () => {
    const extended: AgreementEvent = {
      type: 'PeriodExtended',
      data: {
        previousEnd: '2025-12-31',
        newEnd: '2026-03-31',
        additionalBudget: 0,
        budget: 10_000_000,
        reference: 'x',
      },
    };
    const small = [agreementSigned(), cohortEnrolled('a', 'A', members(1)), extended];
    given(small)
      .when(extendTo('2026-02-28'))
      .thenThrows('INVALID_PERIOD', { newEnd: '2026-02-28', currentEnd: '2026-03-31' });
    given(small)
      .when(extendTo('2026-06-30'))
      .then([expect.objectContaining({ data: expect.objectContaining({ previousEnd: '2026-03-31' }) })]);
  });

  it('refuses to extend a terminated agreement', () => {
    given([
      ...history,
      { type: 'AgreementTerminated', data: { effectiveDate: '2025-12-01', reason: 'refocusing APBD' } },
    ])
      .when(extendTo('2026-03-31', 300_000_000))
      .thenThrows('AGREEMENT_TERMINATED', { effectiveDate: '2025-12-01' });
  });

  it('names the bad fields of the command', () => {
    given(history)
      .when({ type: 'ExtendPeriod', data: { newEnd: '2026-02-30', additionalBudget: -5, reference: '' } })
      .thenThrows('VALIDATION_FAILED', [
        { path: 'newEnd', reason: expect.any(String) },
        { path: 'additionalBudget', reason: expect.any(String) },
        { path: 'reference', reason: expect.any(String) },
      ]);
  });

  it('continues members still covered at the old end to the new end; the premium grows by their months only', () => {
    const before = signedState(history);
    // Months before: 5,597 full members x 3, the October death 1, the November leaver 2, the 30 December leaver 3.
    expect(expectedPremium(before)).toBe((5_597 * 3 + 1 + 2 + 3) * MONTH);

    const events = decide(before, extendTo('2026-03-31', 300_000_000), TODAY);
    const after = events.reduce(evolve, before);
    if (after.status === 'none') throw new Error('unreachable');
    expect(expectedPremium(after)).toBe((5_597 * 6 + 1 + 2 + 3) * MONTH);
    expect(expectedPremium(after) - expectedPremium(before)).toBe(5_597 * 3 * MONTH);

    const windowOf = (i: number) => memberWindow(after, after.members.get(nik(i))!);
    expect(windowOf(3)).toEqual({ from: '2025-10-01', to: '2026-03-31' });
    expect(windowOf(0)).toEqual({ from: '2025-10-01', to: '2025-10-15' });
    expect(windowOf(1)).toEqual({ from: '2025-10-01', to: '2025-11-30' });
    expect(windowOf(2)).toEqual({ from: '2025-10-01', to: '2025-12-30' });
  });
});
