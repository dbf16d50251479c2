import { deathBenefit } from './death-benefit';

describe('Rule 9: death benefit amounts, by the schedule in force on the date of death', () => {
  describe('JKM, death not caused by work', () => {
    it('from 2019-12-02 is Rp20,000,000 + Rp12,000,000 + Rp10,000,000 = Rp42,000,000', () => {
      const benefit = deathBenefit('natural', '2025-06-15', 1_000_000, 6);
      expect(benefit).toMatchObject({
        program: 'JKM',
        components: { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
        total: 42_000_000,
        scheduleBasis: 'PP 82/2019',
      });
    });

    it('before 2019-12-02 is Rp16,200,000 + Rp4,800,000 + Rp3,000,000 = Rp24,000,000', () => {
      expect(deathBenefit('natural', '2019-11-20', 1_000_000, 5)).toMatchObject({
        program: 'JKM',
        components: { lumpSum: 16_200_000, periodic: 4_800_000, funeral: 3_000_000 },
        total: 24_000_000,
        scheduleBasis: 'PP 44/2015',
      });
    });

    it('changes on 2019-12-02 exactly', () => {
      expect(deathBenefit('natural', '2019-12-01', 1_000_000, 5).total).toBe(24_000_000);
      expect(deathBenefit('natural', '2019-12-02', 1_000_000, 5).total).toBe(42_000_000);
    });

    it('does not depend on the declared income', () => {
      expect(deathBenefit('natural', '2025-06-15', 20_700_000, 6).total).toBe(42_000_000);
    });
  });

  describe('JKK, death from a work accident', () => {
    it('is 48 x Rp1,000,000 + Rp10,000,000 funeral + Rp12,000,000 periodic = Rp70,000,000 at the default income', () => {
      expect(deathBenefit('work-accident', '2025-06-15', 1_000_000, 6)).toMatchObject({
        program: 'JKK',
        components: { deathCompensation: 48_000_000, periodic: 12_000_000, funeral: 10_000_000 },
        total: 70_000_000,
      });
    });

    it('is 48 x a higher declared income: Rp3,750,000 gives Rp180,000,000 + Rp22,000,000', () => {
      const benefit = deathBenefit('work-accident', '2025-06-15', 3_750_000, 6);
      expect(benefit.components).toEqual({
        deathCompensation: 48 * 3_750_000,
        periodic: 12_000_000,
        funeral: 10_000_000,
      });
      expect(benefit.total).toBe(202_000_000);
    });

    it('never carries the JKM components as well', () => {
      expect(deathBenefit('work-accident', '2025-06-15', 1_000_000, 6).components).not.toHaveProperty('lumpSum');
    });
  });

  describe('scholarship for up to two children', () => {
    it('is always granted under JKK, even after one month of contributions', () => {
      expect(deathBenefit('work-accident', '2025-06-15', 1_000_000, 1)).toMatchObject({
        scholarshipEligible: true,
        scholarship: { maxChildren: 2, contributionMonths: 1 },
      });
    });

    it('is granted under JKM with 36 contribution months', () => {
      expect(deathBenefit('natural', '2025-06-15', 1_000_000, 36)).toMatchObject({
        scholarshipEligible: true,
        scholarship: { maxChildren: 2, contributionMonths: 36 },
      });
    });

    it('is refused under JKM with 35 contribution months', () => {
      expect(deathBenefit('natural', '2025-06-15', 1_000_000, 35).scholarshipEligible).toBe(false);
    });
  });

  it('has no schedule before 2015-07-01', () => {
    expect(() => deathBenefit('natural', '2015-06-30', 1_000_000, 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD' }),
    );
  });
});
