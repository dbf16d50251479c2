import { cohortEnrolled, members, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import {
  benefitDisbursements,
  doubleFunding,
  listAgreements,
  memberCoverage,
  regionCoverage,
  type CoverageRequest,
} from '.';
import { coversRegion, EVERYTHING, inScope, NOBODY, scopeOf } from './read-scope';
import type { ReadModels } from './read-models';
import {
  BANGGAI_KEPULAUAN,
  LedgerBuilder,
  LUWU_TIMUR,
  SULAWESI_TENGAH,
  paidOn,
  signed,
} from './testing/ledger-builder';

/**
 * API.md "Access": list and region queries answer only what the caller's scope covers (never a 403), totals too.
 * Sulawesi Tengah (72, branch KC-PALU) and Banggai Kepulauan (72.01, KCP-LUWUK) share a worker; Luwu Timur
 * (73.24, KCP-MALILI) paid the death benefits of its fishers.
 */
const SULTENG = SULAWESI_TENGAH.agreementId;
const BANGKEP = BANGGAI_KEPULAUAN.agreementId;
const LUTIM = LUWU_TIMUR.agreementId;
const SHARED = nik(900); // covered by the province and its regency in November and December
const FISHER = nik(300); // Luwu Timur: died 2025-03-10

const FINANCE_72 = scopeOf(['72'], []);
const FINANCE_72_01 = scopeOf(['72.01'], []);
const BRANCH_MALILI = scopeOf([], ['KCP-MALILI']);
const MONTHS: CoverageRequest = { from: '2025-11-01', to: '2025-11-30', interval: 'month' };

describe('what a scope covers', () => {
  it('covers a region and the regions below it, and the agreements of its branches', () => {
    expect(inScope(FINANCE_72, '72.01', 'KCP-LUWUK')).toBe(true);
    expect(inScope(FINANCE_72, '72', 'KC-PALU')).toBe(true);
    expect(inScope(FINANCE_72, '73.26', 'KC-PALU')).toBe(false);
    expect(inScope(scopeOf(['7'], []), '72', 'KC-PALU')).toBe(false);
    expect(inScope(BRANCH_MALILI, '73.24', 'KCP-MALILI')).toBe(true);
    expect(inScope(BRANCH_MALILI, '73.24', 'kcp-malili')).toBe(false);
    expect(inScope(NOBODY, '72', 'KC-PALU')).toBe(false);
    expect(inScope(EVERYTHING, '91.01', 'ANY')).toBe(true);
  });

  it('leaves a region whole when one of its prefixes covers it (so that kept totals answer)', () => {
    expect(coversRegion(FINANCE_72, '72.01')).toBe(true);
    expect(coversRegion(FINANCE_72_01, '72')).toBe(false);
    expect(coversRegion(FINANCE_72, undefined)).toBe(false);
    expect(coversRegion(BRANCH_MALILI, '73.24')).toBe(false);
    expect(coversRegion(EVERYTHING, undefined)).toBe(true);
  });
});

describe('queries within a scope', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    const row = (n: string) => ({ nik: n, name: 'Siti Rahma', occupation: 'petani', villageCode: '72.01.01.2001' });
    await ledger.record(SULTENG, [
      signed(SULAWESI_TENGAH),
      cohortEnrolled('petani', 'Petani Sulteng', [row(SHARED), ...members(4, 0)], '2025-10-01'),
    ]);
    await ledger.record(BANGKEP, [
      signed(BANGGAI_KEPULAUAN),
      cohortEnrolled('nelayan', 'Nelayan Bangkep', [row(SHARED), ...members(2, 100)], '2025-11-01'),
    ]);
    await ledger.record(LUTIM, [
      signed(LUWU_TIMUR),
      cohortEnrolled('nelayan', 'Nelayan Luwu Timur', members(3, 300), '2025-01-01'),
      paidOn(naturalDeathPaid(FISHER, '2025-03-10'), '2025-03-20'),
    ]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  const listed = (scope = EVERYTHING, regionCode?: string) =>
    listAgreements(models.db, { today: '2025-11-10', regionCode, scope }).items.map((a) => a.agreementId);

  it('lists only the agreements of the scope, also under a region filter', () => {
    expect(listed()).toEqual([SULTENG, BANGKEP, LUTIM]);
    expect(listed(FINANCE_72)).toEqual([SULTENG, BANGKEP]);
    expect(listed(FINANCE_72_01)).toEqual([BANGKEP]);
    expect(listed(FINANCE_72_01, '72')).toEqual([BANGKEP]);
    expect(listed(BRANCH_MALILI)).toEqual([LUTIM]);
    expect(listed(BRANCH_MALILI, '72')).toEqual([]);
    expect(listed(NOBODY)).toEqual([]);
  });

  it("adds up a region's coverage over the agreements of the scope only", () => {
    const november = (scope = EVERYTHING, regionCode?: string) =>
      regionCoverage(models.db, regionCode, MONTHS, scope).series[0].coveredMembers;
    // 5 in the province + 3 in the regency + 3 fishers (one of whom died in March).
    expect(november()).toBe(5 + 3 + 2);
    expect(november(EVERYTHING, '72')).toBe(8);
    expect(november(FINANCE_72, '72')).toBe(8);
    expect(november(FINANCE_72_01, '72')).toBe(3);
    expect(november(FINANCE_72_01)).toBe(3);
    expect(november(BRANCH_MALILI)).toBe(2);
    expect(november(NOBODY)).toBe(0);
    const asKnown = regionCoverage(models.db, '72', { ...MONTHS, asKnownAt: '2099-01-01T00:00:00Z' }, FINANCE_72_01);
    expect(asKnown.series[0].coveredMembers).toBe(3);
  });

  it('lists and totals only the benefits paid under agreements of the scope', () => {
    const answer = (scope = EVERYTHING) => benefitDisbursements(models.db, { scope });
    expect(answer().totals).toMatchObject({ count: 1, amount: 42_000_000 });
    expect(answer(BRANCH_MALILI).items.map((b) => b.nik)).toEqual([FISHER]);
    expect(answer(FINANCE_72).items).toEqual([]);
    expect(answer(FINANCE_72).totals).toEqual({
      count: 0,
      amount: 0,
      byProgram: { JKM: { count: 0, amount: 0 }, JKK: { count: 0, amount: 0 } },
    });
  });

  it('reports a double funding to a scope that covers either agreement, and totals only those', () => {
    const report = (scope = EVERYTHING, regionCode?: string) => doubleFunding(models.db, regionCode, undefined, scope);
    expect(report().items.map((i) => i.nik)).toEqual([SHARED]);
    expect(report(FINANCE_72_01).items).toMatchObject([
      { nik: SHARED, agreements: [BANGKEP, SULTENG], months: ['2025-11', '2025-12'], premiumPaidTwice: 33_600 },
    ]);
    expect(report(FINANCE_72_01, '72').items.map((i) => i.nik)).toEqual([SHARED]);
    expect(report(FINANCE_72_01).totals).toEqual({ count: 1, premiumPaidTwice: 33_600 });
    expect(report(BRANCH_MALILI).items).toEqual([]);
    expect(report(BRANCH_MALILI).totals).toEqual({ count: 0, premiumPaidTwice: 0 });
    expect(report(BRANCH_MALILI, '72').totals).toEqual({ count: 0, premiumPaidTwice: 0 });
  });

  it("shows a worker's enrolments in the scope only, and nothing at all when none is in it", () => {
    const agreementsOf = (scope = EVERYTHING) =>
      memberCoverage(models.db, SHARED, scope)?.agreements.map((a) => a.agreementId) ?? null;
    expect(agreementsOf()).toEqual([SULTENG, BANGKEP]);
    expect(agreementsOf(FINANCE_72_01)).toEqual([BANGKEP]);
    expect(agreementsOf(BRANCH_MALILI)).toBeNull();
  });

  it('shows the benefit of a worker only to a scope that covers the agreement that paid it', () => {
    expect(memberCoverage(models.db, FISHER, BRANCH_MALILI)?.benefit).toMatchObject({ agreementId: LUTIM });
    expect(memberCoverage(models.db, FISHER, FINANCE_72)).toBeNull();
  });
});
