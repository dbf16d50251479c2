import {
  agreementSigned,
  cohortEnrolled,
  DEFAULT_MONTHLY_CONTRIBUTION,
  members,
  nik,
  signedState,
  sumbaFullyEnrolled,
  SUMBA_WORKERS,
} from '../testing/fixtures';
import { expectedPremium, memberWindow, monthlyContribution, premiumLedger } from './coverage';

describe('Rule 4: contribution per person-month', () => {
  it('is Rp16,800 at the default income: JKK 1% of Rp1,000,000 = Rp10,000 plus JKM Rp6,800', () => {
    expect(monthlyContribution('2025-10', 1_000_000)).toBe(10_000 + 6_800);
  });

  it('rounds JKK half up to a rupiah: income Rp1,234,550 gives JKK Rp12,346 (12,345.50 rounded up)', () => {
    expect(monthlyContribution('2025-10', 1_234_550)).toBe(12_346 + 6_800);
  });

  it('rounds JKK down below the half: income Rp1,234,549 gives JKK Rp12,345 (12,345.49)', () => {
    expect(monthlyContribution('2025-10', 1_234_549)).toBe(12_345 + 6_800);
  });

  it('is Rp213,800 at the highest income Rp20,700,000: JKK Rp207,000 plus JKM Rp6,800', () => {
    expect(monthlyContribution('2025-10', 20_700_000)).toBe(207_000 + 6_800);
  });

  it('gets no 2026 BPU discount: budget-funded agreements pay the full rate in 2026', () => {
    expect(monthlyContribution('2026-06', 1_000_000)).toBe(16_800);
  });

  it('has no rate before the first schedule entry (2015-07)', () => {
    expect(() => monthlyContribution('2015-06', 1_000_000)).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD' }),
    );
    expect(monthlyContribution('2015-07', 1_000_000)).toBe(16_800);
  });

  it('prices an enrolled member at their own declared income', () => {
    const state = signedState([agreementSigned(), cohortEnrolled('rentan', 'Rentan', members(1, 0, 1_234_550))]);
    expect(expectedPremium(state)).toBe(3 * (12_346 + 6_800));
  });
});

describe('Rule 5: person-months and expected premium', () => {
  it('Sumba Barat Daya: 5,600 members x 3 months x Rp16,800 = Rp282,240,000', () => {
    const state = signedState(sumbaFullyEnrolled());
    expect(state.members.size).toBe(SUMBA_WORKERS);
    expect(expectedPremium(state)).toBe(5_600 * 3 * 16_800);
    expect(expectedPremium(state)).toBe(282_240_000);
  });

  it('Sumba Barat Daya month by month: 5,600 person-months and Rp94,080,000 in each of October to December', () => {
    expect(premiumLedger(signedState(sumbaFullyEnrolled()))).toEqual(
      ['2025-10', '2025-11', '2025-12'].map((month) => ({
        month,
        personMonths: 5_600,
        expected: 5_600 * 16_800,
      })),
    );
  });

  it('counts a full person-month for a member covered one day of a month (effective 2025-10-31)', () => {
    const state = signedState([agreementSigned(), cohortEnrolled('rentan', 'Rentan', members(1), '2025-10-31')]);
    expect(premiumLedger(state).map((m) => [m.month, m.personMonths])).toEqual([
      ['2025-10', 1],
      ['2025-11', 1],
      ['2025-12', 1],
    ]);
    expect(expectedPremium(state)).toBe(3 * DEFAULT_MONTHLY_CONTRIBUTION);
  });

  it('counts only the months from the effective date of a later batch', () => {
    const state = signedState([
      agreementSigned(),
      cohortEnrolled('petani', 'Petani', members(10)),
      cohortEnrolled('nelayan', 'Nelayan', members(4, 10), '2025-12-01'),
    ]);
    expect(premiumLedger(state)).toEqual([
      { month: '2025-10', personMonths: 10, expected: 10 * 16_800 },
      { month: '2025-11', personMonths: 10, expected: 10 * 16_800 },
      { month: '2025-12', personMonths: 14, expected: 14 * 16_800 },
    ]);
    expect(expectedPremium(state)).toBe((10 * 3 + 4) * 16_800);
  });

  it('sums members of different incomes by their own contribution', () => {
    const state = signedState([
      agreementSigned(),
      cohortEnrolled('a', 'A', [...members(2), ...members(1, 2, 20_700_000), ...members(1, 3, 1_234_549)]),
    ]);
    expect(expectedPremium(state)).toBe(3 * (2 * 16_800 + 213_800 + (12_345 + 6_800)));
  });

  it('is nothing for an agreement without members', () => {
    expect(expectedPremium(signedState([agreementSigned()]))).toBe(0);
  });

  it("covers a member from their batch's effective date to the agreement end", () => {
    const state = signedState([agreementSigned(), cohortEnrolled('a', 'A', members(1), '2025-11-15')]);
    const member = state.members.get(nik(0));
    expect(member && memberWindow(state, member)).toEqual({ from: '2025-11-15', to: '2025-12-31' });
  });
});
