import { doubleFundingOf, type Enrolment } from './double-funding';

/** Rule 11: premium paid twice for one worker, each extra funding counted once. */

const covered = (
  agreementId: string,
  coveredFrom: string,
  coveredTo: string,
  declaredIncome = 1_000_000,
): Enrolment => ({
  agreementId,
  declaredIncome,
  coveredFrom,
  coveredTo,
});

describe('Rule 11: double funding of one worker', () => {
  it('three agreements covering the same two months at Rp16,800: Rp67,200 paid twice, not three pairs', () => {
    const found = doubleFundingOf([
      covered('kab-donggala', '2025-10-01', '2025-11-30'),
      covered('prov-sulteng', '2025-10-01', '2025-11-30'),
      covered('kota-palu', '2025-10-01', '2025-11-30'),
    ]);
    expect(found).toEqual({
      agreements: ['kab-donggala', 'kota-palu', 'prov-sulteng'],
      months: ['2025-10', '2025-11'],
      byMonth: [
        { month: '2025-10', agreements: ['kab-donggala', 'kota-palu', 'prov-sulteng'], premiumPaidTwice: 33_600 },
        { month: '2025-11', agreements: ['kab-donggala', 'kota-palu', 'prov-sulteng'], premiumPaidTwice: 33_600 },
      ],
      premiumPaidTwice: 67_200,
    });
  });

  it("the issue's three overlapping agreements: Rp84,000 paid twice where the pairs counted Rp117,600", () => {
    // The province covers October to December, a regency the same, a village November and December: October is
    // funded twice (1 extra), November and December three times (2 extra each): 5 x Rp16,800.
    const found = doubleFundingOf([
      covered('prov-sulteng', '2025-10-01', '2025-12-31'),
      covered('kab-sigi', '2025-10-01', '2025-12-31'),
      covered('desa-kalukubula', '2025-11-01', '2025-12-31'),
    ]);
    expect(found?.premiumPaidTwice).toBe(84_000);
    expect(found?.agreements).toEqual(['desa-kalukubula', 'kab-sigi', 'prov-sulteng']);
    expect(found?.byMonth.map((m) => [m.month, m.agreements.length, m.premiumPaidTwice])).toEqual([
      ['2025-10', 2, 16_800],
      ['2025-11', 3, 33_600],
      ['2025-12', 3, 33_600],
    ]);
    const pairMonths = 1 + 3 + 3; // C(2,2) + C(3,2) + C(3,2)
    expect(pairMonths * 16_800).toBe(117_600);
  });

  it('a month counts when covered for a day under each agreement, whatever the days', () => {
    const found = doubleFundingOf([
      covered('a-2025', '2025-10-01', '2025-10-05'),
      covered('b-2025', '2025-10-31', '2025-12-31'),
    ]);
    expect(found).toMatchObject({ months: ['2025-10'], premiumPaidTwice: 16_800 });
  });

  it('incomes differ: the worker needed covering once, at the largest contribution; the others were paid twice', () => {
    // Rp2,500,000 declared: JKK Rp25,000 + JKM Rp6,800 = Rp31,800; at the default income Rp16,800.
    const found = doubleFundingOf([
      covered('prov-sulteng', '2025-10-01', '2025-10-31', 2_500_000),
      covered('kab-sigi', '2025-10-01', '2025-10-31'),
      covered('kota-palu', '2025-10-01', '2025-10-31'),
    ]);
    expect(found?.premiumPaidTwice).toBe(2 * 16_800);
  });

  it('an income corrected from a month on prices each month at the income then in force', () => {
    const corrected: Enrolment = {
      ...covered('prov-sulteng', '2025-10-01', '2025-11-30'),
      incomeTimeline: [{ fromMonth: '2025-11', declaredIncome: 2_500_000 }],
    };
    const found = doubleFundingOf([corrected, covered('kab-sigi', '2025-10-01', '2025-11-30', 3_000_000)]);
    // October: Rp16,800 and Rp36,800 -> 16,800 twice; November: Rp31,800 and Rp36,800 -> 31,800 twice.
    expect(found?.premiumPaidTwice).toBe(16_800 + 31_800);
  });

  it('an agreement that shares no month with the others is not part of the report', () => {
    const found = doubleFundingOf([
      covered('prov-sulteng', '2025-10-01', '2025-10-31'),
      covered('kab-sigi', '2025-10-01', '2025-10-31'),
      covered('kota-palu-2026', '2026-01-01', '2026-03-31'),
    ]);
    expect(found?.agreements).toEqual(['kab-sigi', 'prov-sulteng']);
  });

  it('no month covered twice: nothing to report, also for an enrolment never covered', () => {
    expect(
      doubleFundingOf([covered('a-2025', '2025-10-01', '2025-10-31'), covered('b-2025', '2025-11-01', '2025-11-30')]),
    ).toBeNull();
    expect(
      doubleFundingOf([covered('a-2025', '2025-10-01', '2025-10-31'), covered('b-2025', '2025-10-01', '2025-09-30')]),
    ).toBeNull();
    expect(doubleFundingOf([covered('a-2025', '2025-10-01', '2025-10-31')])).toBeNull();
  });
});
