import {
  BEFORE_PP_82_2019,
  cohortBatchEnrolled,
  cohortEnrolled,
  members,
  naturalDeathPaid,
  nik,
  sumbaFullyEnrolled,
} from '@pks/domain/testing/fixtures';
import { agreementSummary, listAgreements, type AgreementListFilter } from '.';
import type { ReadModels } from '../read-models';
import {
  BANGGAI_KEPULAUAN,
  KOTA_PALU,
  LedgerBuilder,
  LUWU_TIMUR,
  SULAWESI_TENGAH,
  SUMBA_BARAT_DAYA,
  periodExtended,
  premiumPaid,
  signed,
  terminated,
} from '../testing/ledger-builder';

/** API.md "list agreements": by region prefix and status, relative to `today`. */

const SULTENG = SULAWESI_TENGAH.agreementId; // 72, 2025-10-01..2025-12-31
const BANGKEP = BANGGAI_KEPULAUAN.agreementId; // 72.01, 2025-11-01..2026-01-31
const PALU = KOTA_PALU.agreementId; // 72.71, terminated from 2025-11-01
const LUTIM = LUWU_TIMUR.agreementId; // 73.24, 2025
const LUTIM_2019 = BEFORE_PP_82_2019.agreementId; // 73.24, 2019-07-01..2019-12-31
const SUMBA = SUMBA_BARAT_DAYA.agreementId; // 53.18, 2025-10-01..2025-12-31, extended to 2026-03-31

describe('agreement list', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(SULTENG, [signed(SULAWESI_TENGAH), cohortEnrolled('petani', 'Petani', members(3, 0))]);
    await ledger.record(BANGKEP, [signed(BANGGAI_KEPULAUAN)]);
    await ledger.record(PALU, [signed(KOTA_PALU), terminated('2025-11-01')]);
    await ledger.record(LUTIM, [signed(LUWU_TIMUR)]);
    await ledger.record(LUTIM_2019, [signed(BEFORE_PP_82_2019)]);
    await ledger.record(SUMBA, [
      ...sumbaFullyEnrolled(),
      premiumPaid('sp2d-001', 100_000_000, '2025-11-03'),
      periodExtended('2025-12-31', '2026-03-31', 600_000_000),
    ]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  const ids = (filter: AgreementListFilter) => listAgreements(models.db, filter).items.map((a) => a.agreementId);
  const statuses = (today: string) =>
    Object.fromEntries(listAgreements(models.db, { today }).items.map((a) => [a.agreementId, a.status]));

  it('lists every agreement ordered by region code, with its status on 2025-11-10', () => {
    expect(ids({ today: '2025-11-10' })).toEqual([SUMBA, SULTENG, BANGKEP, PALU, LUTIM_2019, LUTIM]);
    expect(statuses('2025-11-10')).toEqual({
      [SUMBA]: 'active',
      [SULTENG]: 'active',
      [BANGKEP]: 'active',
      [PALU]: 'terminated',
      [LUTIM]: 'active',
      [LUTIM_2019]: 'expired',
    });
  });

  it('an agreement is active through its last covered day and expired the day after', () => {
    expect(statuses('2025-12-31')).toMatchObject({ [SULTENG]: 'active', [LUTIM]: 'active', [SUMBA]: 'active' });
    expect(statuses('2026-01-01')).toMatchObject({
      [SULTENG]: 'expired',
      [LUTIM]: 'expired',
      [BANGKEP]: 'active',
      [SUMBA]: 'active',
      [PALU]: 'terminated',
    });
    expect(statuses('2026-04-01')).toMatchObject({ [SUMBA]: 'expired', [BANGKEP]: 'expired' });
  });

  it('filters by region prefix: 72 includes 72.01 and 72.71, 72.0 and 7 match nothing', () => {
    expect(ids({ today: '2025-11-10', regionCode: '72' })).toEqual([SULTENG, BANGKEP, PALU]);
    expect(ids({ today: '2025-11-10', regionCode: '72.01' })).toEqual([BANGKEP]);
    expect(ids({ today: '2025-11-10', regionCode: '72.0' })).toEqual([]);
    expect(ids({ today: '2025-11-10', regionCode: '7' })).toEqual([]);
    expect(ids({ today: '2025-11-10', regionCode: '73' })).toEqual([LUTIM_2019, LUTIM]);
  });

  it('filters by status, alone and with a region', () => {
    expect(ids({ today: '2025-11-10', regionCode: '72', status: 'active' })).toEqual([SULTENG, BANGKEP]);
    expect(ids({ today: '2025-11-10', status: 'terminated' })).toEqual([PALU]);
    expect(ids({ today: '2025-11-10', status: 'expired' })).toEqual([LUTIM_2019]);
    expect(ids({ today: '2026-01-01', regionCode: '72', status: 'expired' })).toEqual([SULTENG]);
    expect(ids({ today: '2026-01-01', regionCode: '53', status: 'active' })).toEqual([SUMBA]);
  });

  it('summarises an agreement: Pemda, branch, period as extended, budget, members, premiums, version', () => {
    const sumba = listAgreements(models.db, { today: '2025-11-10', regionCode: '53.18' }).items[0];
    expect(sumba).toEqual({
      agreementId: SUMBA,
      status: 'active',
      pemda: { regionCode: '53.18', name: 'Kabupaten Sumba Barat Daya' },
      branch: { code: 'KCP-TAMBOLAKA', name: 'BPJS Ketenagakerjaan KCP Tambolaka' },
      pksNumber: 'PKS/53.18/X/2025',
      signedOn: '2025-10-28',
      coverage: { start: '2025-10-01', end: '2026-03-31', lastCoveredDay: '2026-03-31' },
      budget: 600_000_000,
      members: 5_600,
      expectedPremium: 5_600 * 6 * 16_800,
      paidPremium: 100_000_000,
      version: 5,
    });
  });

  it('a terminated agreement shows its termination date and its last covered day', () => {
    const palu = listAgreements(models.db, { today: '2025-11-10', regionCode: '72.71' }).items[0];
    expect(palu).toMatchObject({
      status: 'terminated',
      terminationDate: '2025-11-01',
      coverage: { start: '2025-10-01', end: '2025-12-31', lastCoveredDay: '2025-10-31' },
      members: 0,
      expectedPremium: 0,
      paidPremium: 0,
      version: 2,
    });
  });
});

describe('agreement summary', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(SUMBA, [
      ...sumbaFullyEnrolled(),
      cohortEnrolled('nelayan', 'Berkah Nelayan', members(10, 10_000)),
      cohortBatchEnrolled('nelayan', 2, members(5, 10_010)),
      premiumPaid('sp2d-001', 282_240_000, '2025-11-03'),
      naturalDeathPaid(nik(7), '2025-10-20'),
    ]);
    await ledger.record(PALU, [signed(KOTA_PALU), terminated('2025-11-01')]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  it('Sumba Barat Daya: two cohorts, 5,615 workers, paid in full, one JKM benefit making two months not due', () => {
    const expected = (5_615 * 3 - 2) * 16_800;
    expect(agreementSummary(models.db, SUMBA, '2025-11-10')).toEqual({
      agreementId: SUMBA,
      status: 'active',
      pemda: { regionCode: '53.18', name: 'Kabupaten Sumba Barat Daya' },
      branch: { code: 'KCP-TAMBOLAKA', name: 'BPJS Ketenagakerjaan KCP Tambolaka' },
      pksNumber: 'PKS/53.18/X/2025',
      signedOn: '2025-10-28',
      coverage: { start: '2025-10-01', end: '2025-12-31', lastCoveredDay: '2025-12-31' },
      programs: ['JKK', 'JKM'],
      funding: { source: 'APBD' },
      budget: 282_240_000,
      cohorts: [
        { cohortId: 'nelayan', name: 'Berkah Nelayan', members: 15 },
        { cohortId: 'pekerja-rentan', name: 'Pekerja Rentan Sumba Barat Daya', members: 5_600 },
      ],
      members: 5_615,
      expectedPremium: expected,
      paidPremium: 282_240_000,
      outstanding: expected - 282_240_000,
      refundable: 0,
      benefits: { count: 1, total: 42_000_000 },
      version: 7,
    });
  });

  it('a terminated agreement shows its termination, whatever the day', () => {
    const palu = agreementSummary(models.db, PALU, '2025-10-15');
    expect(palu).toMatchObject({
      status: 'terminated',
      termination: { effectiveDate: '2025-11-01', reason: 'pemutusan PKS' },
      coverage: { lastCoveredDay: '2025-10-31' },
      cohorts: [],
      members: 0,
      benefits: { count: 0, total: 0 },
      version: 2,
    });
  });

  it('expires the day after its last covered day', () => {
    expect(agreementSummary(models.db, SUMBA, '2026-01-01')?.status).toBe('expired');
  });

  it('is null for an agreement the read model does not hold', () => {
    expect(agreementSummary(models.db, 'no-such-agreement', '2025-11-10')).toBeNull();
  });
});
