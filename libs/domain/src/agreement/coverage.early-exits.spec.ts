import type { AgreementEvent } from './agreement.events';
import type { SignedAgreement } from './agreement.state';
import { expectedPremium, premiumLedger } from './coverage';
import { naturalDeathPaid, nik, signedState, sumbaFullyEnrolled } from '../testing/fixtures';

const MONTH = 16_800;
const FULL_PREMIUM = 282_240_000;

/** Rule 8: what the Pemda still owes and what goes back to it. */
function balance(state: SignedAgreement) {
  const expected = expectedPremium(state);
  return {
    expected,
    outstanding: Math.max(0, expected - state.paidPremium),
    refundable: Math.max(0, state.paidPremium - expected),
  };
}
const paid = (amount: number, paymentId = 'sp2d-1'): AgreementEvent => ({
  type: 'PremiumPaymentRecorded',
  data: { paymentId, amount, paidOn: '2025-11-05', reference: 'SP2D' },
});
const withdrawn = (memberNik: string, effectiveDate: string): AgreementEvent => ({
  type: 'MemberWithdrawn',
  data: { nik: memberNik, effectiveDate, reason: 'pindah domisili' },
});
const terminated = (effectiveDate: string): AgreementEvent => ({
  type: 'AgreementTerminated',
  data: { effectiveDate, reason: 'APBD tidak tersedia' },
});

describe('Rule 8: months after the last covered month are not due', () => {
  it('owes the whole Rp282,240,000 before any payment, and nothing after paying it', () => {
    expect(balance(signedState(sumbaFullyEnrolled()))).toEqual({
      expected: FULL_PREMIUM,
      outstanding: FULL_PREMIUM,
      refundable: 0,
    });
    expect(balance(signedState([...sumbaFullyEnrolled(), paid(FULL_PREMIUM)]))).toEqual({
      expected: FULL_PREMIUM,
      outstanding: 0,
      refundable: 0,
    });
  });

  it('owes the rest after a partial payment', () => {
    expect(balance(signedState([...sumbaFullyEnrolled(), paid(200_000_000)])).outstanding).toBe(82_240_000);
  });

  it('paid in full, a death in October makes November and December of that member refundable: 2 x Rp16,800', () => {
    const state = signedState([...sumbaFullyEnrolled(), paid(FULL_PREMIUM), naturalDeathPaid(nik(42), '2025-10-20')]);
    expect(balance(state)).toEqual({ expected: FULL_PREMIUM - 2 * MONTH, outstanding: 0, refundable: 33_600 });
  });

  it('keeps the month of death due: a death on 1 December frees nothing', () => {
    const state = signedState([...sumbaFullyEnrolled(), naturalDeathPaid(nik(42), '2025-12-01')]);
    expect(expectedPremium(state)).toBe(FULL_PREMIUM);
  });

  it('drops the months after a withdrawal: leaving from 1 November keeps October only', () => {
    const state = signedState([...sumbaFullyEnrolled(), withdrawn(nik(7), '2025-11-01')]);
    expect(expectedPremium(state)).toBe(FULL_PREMIUM - 2 * MONTH);
    expect(premiumLedger(state).map((m) => m.personMonths)).toEqual([5_600, 5_599, 5_599]);
  });

  it('keeps the month when a withdrawal takes effect after its first day: leaving from 2 November keeps November', () => {
    const state = signedState([...sumbaFullyEnrolled(), withdrawn(nik(7), '2025-11-02')]);
    expect(expectedPremium(state)).toBe(FULL_PREMIUM - 1 * MONTH);
  });

  it('owes nothing for a member withdrawn on the day their coverage starts', () => {
    const state = signedState([...sumbaFullyEnrolled(), withdrawn(nik(7), '2025-10-01')]);
    expect(expectedPremium(state)).toBe(FULL_PREMIUM - 3 * MONTH);
  });

  it('a termination from 1 December makes December not due for all 5,600: Rp94,080,000 refundable', () => {
    const state = signedState([...sumbaFullyEnrolled(), paid(FULL_PREMIUM), terminated('2025-12-01')]);
    expect(balance(state)).toEqual({ expected: 5_600 * 2 * MONTH, outstanding: 0, refundable: 94_080_000 });
  });

  it('counts a member who died before a termination once: their own exit and the termination do not add up', () => {
    const state = signedState([
      ...sumbaFullyEnrolled(),
      naturalDeathPaid(nik(3), '2025-10-05'),
      withdrawn(nik(4), '2025-11-20'),
      terminated('2025-12-01'),
    ]);
    // 5,598 members x 2 months (October, November), the death 1 month, the leaver 2 months.
    expect(expectedPremium(state)).toBe((5_598 * 2 + 1 + 2) * MONTH);
  });

  it('a termination from the first day leaves nothing due', () => {
    const state = signedState([...sumbaFullyEnrolled(), paid(1_000_000), terminated('2025-10-01')]);
    expect(balance(state)).toEqual({ expected: 0, outstanding: 0, refundable: 1_000_000 });
    expect(premiumLedger(state)).toEqual([]);
  });
});
