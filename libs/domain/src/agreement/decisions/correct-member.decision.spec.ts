import { expectedPremium, premiumLedger } from '../coverage';
import {
  cohortEnrolled,
  correct,
  given,
  incomeCorrected,
  luwuTimur,
  members,
  naturalDeathPaid,
  nik,
  signedState,
  sumbaFullyEnrolled,
} from '../../testing/fixtures';

/** Rule 13: a member's record corrected by a later fact; the income from a month on. */

describe('Rule 13: correcting a declared income from a month on', () => {
  it('records the income and the month it applies from', () => {
    given(luwuTimur())
      .when(correct(nik(3), { declaredIncome: 2_500_000, incomeFrom: '2025-11' }))
      .then([incomeCorrected(nik(3), 2_500_000, '2025-11')]);
  });

  it('Rp2,500,000 from November: Rp31,800 a month for November and December, Rp2,046,000 in all', () => {
    const state = signedState([...luwuTimur(), incomeCorrected(nik(3), 2_500_000, '2025-11')]);
    const months = premiumLedger(state);
    expect(months.find((m) => m.month === '2025-10')?.expected).toBe(10 * 16_800);
    expect(months.find((m) => m.month === '2025-11')?.expected).toBe(9 * 16_800 + 31_800);
    expect(months.find((m) => m.month === '2025-12')?.expected).toBe(9 * 16_800 + 31_800);
    expect(expectedPremium(state)).toBe(2_016_000 + 2 * 15_000);
  });

  it('a later correction from an earlier month replaces what the months from it said', () => {
    const state = signedState([
      ...luwuTimur(),
      incomeCorrected(nik(3), 2_500_000, '2025-11'),
      incomeCorrected(nik(3), 1_500_000, '2025-10'),
    ]);
    // October to December at Rp1,500,000: JKK Rp15,000 + JKM Rp6,800 = Rp21,800, Rp5,000 more a month.
    expect(expectedPremium(state)).toBe(2_016_000 + 3 * 5_000);
    expect(state.incomeTimelines.get(nik(3))).toEqual([{ fromMonth: '2025-10', declaredIncome: 1_500_000 }]);
  });

  it('a correction back to the income enrolled with leaves the premium as enrolled', () => {
    const state = signedState([
      ...luwuTimur(),
      incomeCorrected(nik(3), 2_500_000, '2025-11'),
      incomeCorrected(nik(3), 1_000_000, '2025-11'),
    ]);
    expect(expectedPremium(state)).toBe(2_016_000);
  });

  it('months after the member left are not due at the corrected income either', () => {
    const state = signedState([
      ...luwuTimur(),
      incomeCorrected(nik(3), 2_500_000, '2025-11'),
      { type: 'MemberWithdrawn', data: { nik: nik(3), effectiveDate: '2025-12-01', reason: 'pindah' } },
    ]);
    expect(expectedPremium(state)).toBe(2_016_000 - 16_800 + 15_000);
  });

  it('refuses an income that would raise the expected premium above the ceiling, with both figures', () => {
    // Sumba Barat Daya's ceiling is exactly its Rp282,240,000: two months Rp15,000 dearer exceed it.
    given(sumbaFullyEnrolled())
      .when(correct(nik(3), { declaredIncome: 2_500_000, incomeFrom: '2025-11' }))
      .thenThrows('BUDGET_EXCEEDED', { expectedPremium: 282_270_000, ceiling: 282_240_000 });
  });

  it('accepts a lower income under a full budget', () => {
    given([...sumbaFullyEnrolled().slice(0, 1), cohortEnrolled('c', 'C', members(1, 0, 2_500_000))])
      .when(correct(nik(0), { declaredIncome: 1_000_000, incomeFrom: '2025-12' }))
      .then([incomeCorrected(nik(0), 1_000_000, '2025-12')]);
  });

  it("refuses a month outside the member's coverage, naming the coverage", () => {
    given(luwuTimur())
      .when(correct(nik(3), { declaredIncome: 2_500_000, incomeFrom: '2026-01' }))
      .thenThrows('INVALID_PERIOD', { incomeFrom: '2026-01', coverage: { from: '2025-01-01', to: '2025-12-31' } });
    given([
      ...luwuTimur(),
      { type: 'MemberWithdrawn', data: { nik: nik(3), effectiveDate: '2025-06-01', reason: 'x' } },
    ])
      .when(correct(nik(3), { declaredIncome: 2_500_000, incomeFrom: '2025-07' }))
      .thenThrows('INVALID_PERIOD');
  });

  it("refuses to correct the income of a member whose death benefit was paid: the benefit's basis stands", () => {
    given([...luwuTimur(), naturalDeathPaid(nik(3), '2025-03-10')])
      .when(correct(nik(3), { declaredIncome: 2_500_000, incomeFrom: '2025-02' }))
      .thenThrows('INVALID_PERIOD', { dateOfDeath: '2025-03-10', claimId: `klaim-${nik(3)}` });
  });

  it('a JKK death benefit is 48 x the income in force on the date of death', () => {
    const events = given([...luwuTimur(), incomeCorrected(nik(3), 2_500_000, '2025-06')])
      .when({
        type: 'PayDeathBenefit',
        data: {
          claimId: 'jkk-1',
          nik: nik(3),
          dateOfDeath: '2025-07-02',
          cause: 'work-accident',
          heir: { name: 'Ahli Waris', relationship: 'spouse' },
          paidOn: '2025-07-10',
        },
      })
      .then([expect.anything()]);
    expect(events[0]).toMatchObject({ data: { benefit: { components: { deathCompensation: 48 * 2_500_000 } } } });
  });

  it('a correction to the income in force already changes nothing and records nothing', () => {
    given([...luwuTimur(), incomeCorrected(nik(3), 2_500_000, '2025-11')])
      .when(correct(nik(3), { declaredIncome: 2_500_000, incomeFrom: '2025-11' }))
      .thenNothingHappens();
  });
});

describe('Rule 13: correcting a name, an occupation, a village', () => {
  it('records only the fields that change', () => {
    given(luwuTimur())
      .when(correct(nik(3), { name: 'Andi Baso', occupation: 'buruh harian lepas', villageCode: '53.18.01.2001' }))
      .then([{ type: 'MemberCorrected', data: { nik: nik(3), name: 'Andi Baso', reason: 'data desa diperbaiki' } }]);
  });

  it('the member carries the corrected record; the premium does not move', () => {
    const state = signedState([
      ...luwuTimur(),
      { type: 'MemberCorrected', data: { nik: nik(3), villageCode: '73.24.05.2003', reason: 'x' } },
    ]);
    const before = signedState(luwuTimur()).members.get(nik(3));
    expect(before).toMatchObject({ name: 'Pekerja 3' });
    // Every other field as enrolled: cohort, first covered day, income, name, occupation.
    expect(state.members.get(nik(3))).toEqual({ ...before, villageCode: '73.24.05.2003' });
    expect(expectedPremium(state)).toBe(2_016_000);
  });

  it('corrects the record of a member of a terminated agreement', () => {
    given([...luwuTimur(), { type: 'AgreementTerminated', data: { effectiveDate: '2025-12-01', reason: 'x' } }])
      .when(correct(nik(3), { name: 'Andi Baso' }))
      .then([expect.objectContaining({ type: 'MemberCorrected' })]);
  });

  it('refuses a member not enrolled here', () => {
    given(luwuTimur())
      .when(correct(nik(50), { name: 'Andi Baso' }))
      .thenThrows('MEMBER_NOT_FOUND');
  });

  it('names every bad field: nothing to correct, an income without its month, a bad village code', () => {
    given(luwuTimur())
      .when(correct(nik(3), { reason: '' }))
      .thenThrows('VALIDATION_FAILED', [
        { path: 'reason', reason: expect.any(String) },
        { path: 'body', reason: 'give at least one field to correct' },
      ]);
    given(luwuTimur())
      .when(correct(nik(3), { declaredIncome: 999_999, villageCode: '73.24' }))
      .thenThrows('VALIDATION_FAILED', [
        { path: 'villageCode', reason: expect.any(String) },
        { path: 'declaredIncome', reason: expect.stringContaining('1000000 to 20700000') },
        { path: 'incomeFrom', reason: 'required with declaredIncome' },
      ]);
    given(luwuTimur())
      .when(correct(nik(3), { incomeFrom: '2025-13' }))
      .thenThrows('VALIDATION_FAILED', [
        { path: 'incomeFrom', reason: 'must be a calendar month YYYY-MM' },
        { path: 'declaredIncome', reason: 'required with incomeFrom' },
        { path: 'body', reason: 'give at least one field to correct' },
      ]);
  });
});
