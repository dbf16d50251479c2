import {
  cohortEnrolled,
  members,
  naturalDeathPaid,
  nik,
  sumbaFullyEnrolled,
  SUMBA_WORKERS,
} from '@pks/domain/testing/fixtures';
import { agreementPremiums } from '.';
import type { ReadModels } from '../read-models';
import { LedgerBuilder, LUWU_TIMUR, SUMBA_BARAT_DAYA, premiumPaid, signed, withdrawn } from '../testing/ledger-builder';

/** Rules 5 and 8: expected premium month by month, payments, outstanding and refundable. */

const SUMBA = SUMBA_BARAT_DAYA.agreementId;
const MONTHLY = 16_800;

describe('premium reconciliation of Sumba Barat Daya (5,600 workers, 2025-10-01..2025-12-31)', () => {
  let ledger: LedgerBuilder;
  let models: ReadModels;

  beforeAll(async () => {
    ledger = new LedgerBuilder();
    await ledger.record(SUMBA, sumbaFullyEnrolled());
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  async function record(...events: Parameters<LedgerBuilder['record']>[1]) {
    await ledger.record(SUMBA, events);
    await models.runner.catchUp();
    return agreementPremiums(models.db, SUMBA)!;
  }

  it('expects 5,600 x 3 x Rp16,800 = Rp282,240,000, all outstanding before any payment', () => {
    const premiums = agreementPremiums(models.db, SUMBA)!;
    expect(premiums.months).toEqual(
      ['2025-10', '2025-11', '2025-12'].map((month) => ({
        month,
        personMonths: SUMBA_WORKERS,
        expected: SUMBA_WORKERS * MONTHLY,
        paid: 0,
        outstanding: SUMBA_WORKERS * MONTHLY,
      })),
    );
    expect(premiums.expected).toBe(282_240_000);
    expect(premiums).toMatchObject({ paid: 0, outstanding: 282_240_000, refundable: 0, payments: [] });
  });

  it('a first payment leaves the rest outstanding', async () => {
    const premiums = await record(premiumPaid('sp2d-001', 200_000_000, '2025-11-03'));
    expect(premiums).toMatchObject({
      expected: 282_240_000,
      paid: 200_000_000,
      outstanding: 82_240_000,
      refundable: 0,
    });
    expect(premiums.payments).toEqual([
      { paymentId: 'sp2d-001', amount: 200_000_000, paidOn: '2025-11-03', reference: 'SP2D-sp2d-001' },
    ]);
  });

  it('paid in full: nothing outstanding, nothing refundable', async () => {
    const premiums = await record(premiumPaid('sp2d-002', 82_240_000, '2025-11-20'));
    expect(premiums).toMatchObject({ expected: 282_240_000, paid: 282_240_000, outstanding: 0, refundable: 0 });
    expect(premiums.payments.map((p) => p.paymentId)).toEqual(['sp2d-001', 'sp2d-002']);
  });

  it('an October death makes November and December not due: Rp33,600 refundable', async () => {
    const premiums = await record(naturalDeathPaid(nik(7), '2025-10-20'));
    expect(premiums.months).toEqual([
      { month: '2025-10', personMonths: 5_600, expected: 5_600 * MONTHLY, paid: 5_600 * MONTHLY, outstanding: 0 },
      { month: '2025-11', personMonths: 5_599, expected: 5_599 * MONTHLY, paid: 5_599 * MONTHLY, outstanding: 0 },
      { month: '2025-12', personMonths: 5_599, expected: 5_599 * MONTHLY, paid: 5_599 * MONTHLY, outstanding: 0 },
    ]);
    expect(premiums).toMatchObject({
      expected: 282_240_000 - 2 * MONTHLY,
      paid: 282_240_000,
      outstanding: 0,
      refundable: 33_600,
    });
  });

  it('a withdrawal from 2025-12-01 makes December not due: refundable grows by Rp16,800', async () => {
    const premiums = await record(withdrawn(nik(8), '2025-12-01'));
    expect(premiums).toMatchObject({ expected: 282_240_000 - 3 * MONTHLY, outstanding: 0, refundable: 50_400 });
  });

  it('is null for an agreement that does not exist', () => {
    expect(agreementPremiums(models.db, 'tidak-ada')).toBeNull();
  });
});

describe('premiums at declared incomes other than the default', () => {
  it('JKK is 1% of the declared income rounded half up to a rupiah, plus JKM Rp6,800', async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(LUWU_TIMUR.agreementId, [
      signed({ ...LUWU_TIMUR, coverage: { start: '2025-10-01', end: '2025-11-30' } }),
      cohortEnrolled(
        'nelayan',
        'Nelayan',
        [
          ...members(2, 0), // 10,000 + 6,800
          ...members(1, 2, 5_000_000), // 50,000 + 6,800
          ...members(1, 3, 1_234_550), // 12,345.5 -> 12,346, + 6,800
          ...members(1, 4, 20_700_000), // 207,000 + 6,800
        ],
        '2025-10-01',
      ),
      premiumPaid('sp2d-a', 1_000_000, '2025-10-15'),
    ]);
    const models = await ledger.readModels();
    const monthly = 2 * 16_800 + 56_800 + 19_146 + 213_800;
    const premiums = agreementPremiums(models.db, LUWU_TIMUR.agreementId)!;
    expect(premiums.months).toEqual([
      { month: '2025-10', personMonths: 5, expected: monthly, paid: monthly, outstanding: 0 },
      { month: '2025-11', personMonths: 5, expected: monthly, paid: monthly, outstanding: 0 },
    ]);
    expect(premiums).toMatchObject({
      expected: 2 * monthly,
      paid: 1_000_000,
      outstanding: 0,
      refundable: 1_000_000 - 2 * monthly,
    });
    expect(Number.isInteger(premiums.expected)).toBe(true);
    await models.close();
  });
});
