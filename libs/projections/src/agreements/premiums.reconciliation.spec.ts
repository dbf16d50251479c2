import { cohortEnrolled, members, nik, sumbaFullyEnrolled } from '@pks/domain/testing/fixtures';
import { agreementPremiums, regionPremiums } from '.';
import type { ReadModels } from '../read-models';
import {
  BANGGAI_KEPULAUAN,
  LedgerBuilder,
  LUWU_TIMUR,
  SULAWESI_TENGAH,
  SUMBA_BARAT_DAYA,
  premiumPaid,
  signed,
} from '../testing/ledger-builder';
import { incomeCorrected, paymentReversed } from '../testing/money-events';

/** Rule 8 on the read side: months paid earliest first, reversals, the figures as known at an instant. */

const SUMBA = SUMBA_BARAT_DAYA.agreementId;
const MONTH = 5_600 * 16_800; // Rp94,080,000
const at = (day: string) => `${day}T03:00:00.000Z`;

describe('premium reconciliation of Sumba Barat Daya, month by month and as known at an instant', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(SUMBA, sumbaFullyEnrolled(), at('2025-10-28'));
    await ledger.record(SUMBA, [premiumPaid('sp2d-001', 150_000_000, '2025-11-03')], at('2025-11-03'));
    await ledger.record(SUMBA, [premiumPaid('sp2d-002', 132_240_000, '2025-11-20')], at('2025-11-20'));
    await ledger.record(SUMBA, [paymentReversed('sp2d-002', 132_240_000, '2025-11-25')], at('2025-11-25'));
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  it('allocates what is paid to October first, then November; December is wholly outstanding', () => {
    const premiums = agreementPremiums(models.db, SUMBA)!;
    expect(premiums.months).toEqual([
      { month: '2025-10', personMonths: 5_600, expected: MONTH, paid: MONTH, outstanding: 0 },
      { month: '2025-11', personMonths: 5_600, expected: MONTH, paid: 55_920_000, outstanding: 38_160_000 },
      { month: '2025-12', personMonths: 5_600, expected: MONTH, paid: 0, outstanding: MONTH },
    ]);
    expect(premiums).toMatchObject({ expected: 282_240_000, paid: 150_000_000, outstanding: 132_240_000 });
  });

  it('the reversed SP2D no longer counts as paid, and both facts stay listed', () => {
    expect(agreementPremiums(models.db, SUMBA)!.payments).toEqual([
      { paymentId: 'sp2d-001', amount: 150_000_000, paidOn: '2025-11-03', reference: 'SP2D-sp2d-001' },
      {
        paymentId: 'sp2d-002',
        amount: 132_240_000,
        paidOn: '2025-11-20',
        reference: 'SP2D-sp2d-002',
        reversal: { reversedOn: '2025-11-25', reason: 'SP2D dibatalkan' },
      },
    ]);
  });

  it('as known on 2025-11-21 (before the reversal was recorded): paid in full', () => {
    const premiums = agreementPremiums(models.db, SUMBA, { asKnownAt: '2025-11-21T00:00:00.000Z' })!;
    expect(premiums).toMatchObject({ asKnownAt: '2025-11-21T00:00:00.000Z', paid: 282_240_000, outstanding: 0 });
    expect(premiums.payments.map((p) => 'reversal' in p)).toEqual([false, false]);
    expect(premiums.months.every((m) => m.outstanding === 0)).toBe(true);
  });

  it('as known on 2025-11-04: the first payment only', () => {
    const premiums = agreementPremiums(models.db, SUMBA, { asKnownAt: '2025-11-04T00:00:00.000Z' })!;
    expect(premiums.payments.map((p) => p.paymentId)).toEqual(['sp2d-001']);
    expect(premiums.months.map((m) => m.paid)).toEqual([MONTH, 55_920_000, 0]);
  });

  it('as known before the agreement was recorded: no answer, as for an agreement that does not exist', () => {
    expect(agreementPremiums(models.db, SUMBA, { asKnownAt: '2025-10-01T00:00:00.000Z' })).toBeNull();
  });
});

describe('premiums follow a declared income corrected from a month on (rule 13)', () => {
  it('Rp2,500,000 from November: Rp15,000 more in November and December, and not before it was recorded', async () => {
    const ledger = new LedgerBuilder();
    const id = LUWU_TIMUR.agreementId;
    await ledger.record(
      id,
      [signed(LUWU_TIMUR), cohortEnrolled('nelayan', 'Nelayan', members(10), '2025-01-01')],
      at('2025-01-05'),
    );
    await ledger.record(id, [incomeCorrected(nik(3), 2_500_000, '2025-11')], at('2025-11-05'));
    const models = await ledger.readModels();
    const now = agreementPremiums(models.db, id)!;
    expect(now.months.filter((m) => m.month >= '2025-10').map((m) => m.expected)).toEqual([
      168_000,
      168_000 + 15_000,
      168_000 + 15_000,
    ]);
    expect(now.expected).toBe(2_016_000 + 30_000);
    expect(agreementPremiums(models.db, id, { asKnownAt: at('2025-11-01') })!.expected).toBe(2_016_000);
    await models.close();
  });
});

describe('premium reconciliation of a region for an APBD year', () => {
  let models: ReadModels;
  const SULTENG = SULAWESI_TENGAH.agreementId; // 72, October to December 2025, 10 workers: Rp168,000 a month
  const BANGKEP = BANGGAI_KEPULAUAN.agreementId; // 72.01, November 2025 to January 2026, 5 workers: Rp84,000

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(SULTENG, [
      signed(SULAWESI_TENGAH),
      cohortEnrolled('petani', 'Petani', members(10, 100), '2025-10-01'),
      premiumPaid('sp2d-s1', 300_000, '2025-11-01'),
    ]);
    await ledger.record(BANGKEP, [
      signed(BANGGAI_KEPULAUAN),
      cohortEnrolled('nelayan', 'Nelayan', members(5, 200), '2025-11-01'),
      premiumPaid('sp2d-b1', 262_000, '2025-12-01'),
    ]);
    await ledger.record(LUWU_TIMUR.agreementId, [
      signed(LUWU_TIMUR),
      cohortEnrolled('nelayan', 'Nelayan', members(2, 300), '2025-01-01'),
    ]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  it('Sulawesi Tengah 2025: the province and its regency, month by month', () => {
    const report = regionPremiums(models.db, { regionCode: '72', year: 2025 });
    expect(report.agreements.map((a) => a.agreementId)).toEqual([SULTENG, BANGKEP]);
    expect(report.months.filter((m) => m.expected > 0)).toEqual([
      { month: '2025-10', personMonths: 10, expected: 168_000, paid: 168_000, outstanding: 0 },
      { month: '2025-11', personMonths: 15, expected: 252_000, paid: 132_000 + 84_000, outstanding: 36_000 },
      { month: '2025-12', personMonths: 15, expected: 252_000, paid: 84_000, outstanding: 168_000 },
    ]);
    expect(report.months).toHaveLength(12);
    expect(report).toMatchObject({
      expected: 672_000,
      paid: 468_000,
      outstanding: 204_000,
      refundable: 0,
      paidInYear: 562_000,
    });
  });

  it("a payment beyond an agreement's last month is refundable in the year of that month (January 2026)", () => {
    const report = regionPremiums(models.db, { regionCode: '72', year: 2026 });
    expect(report.agreements).toEqual([
      expect.objectContaining({
        agreementId: BANGKEP,
        expected: 84_000,
        paid: 84_000,
        outstanding: 0,
        refundable: 10_000,
        paidInYear: 0,
      }),
    ]);
    expect(regionPremiums(models.db, { regionCode: '72', year: 2025 }).agreements[1].refundable).toBe(0);
  });

  it('a regency alone, another province, a year with nothing', () => {
    expect(regionPremiums(models.db, { regionCode: '72.01', year: 2025 }).agreements.map((a) => a.agreementId)).toEqual(
      [BANGKEP],
    );
    expect(regionPremiums(models.db, { regionCode: '73', year: 2025 })).toMatchObject({ expected: 2 * 12 * 16_800 });
    expect(regionPremiums(models.db, { regionCode: '72', year: 2024 })).toMatchObject({ agreements: [], expected: 0 });
  });
});
