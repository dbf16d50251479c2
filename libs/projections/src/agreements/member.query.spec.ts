import { cohortEnrolled, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import { memberCoverage } from '.';
import type { ReadModels } from '../read-models';
import {
  BANGGAI_KEPULAUAN,
  KOTA_PALU,
  LedgerBuilder,
  SULAWESI_TENGAH,
  periodExtended,
  signed,
  terminated,
  withdrawn,
  workAccidentDeathPaid,
} from '../testing/ledger-builder';

/** API.md "worker's coverage": one NIK across agreements, with the benefit paid for them. */

const SULTENG = SULAWESI_TENGAH.agreementId; // 72, 2025-10-01..2025-12-31, extended to 2026-02-28
const BANGKEP = BANGGAI_KEPULAUAN.agreementId; // 72.01, 2025-11-01..2026-01-31
const PALU = KOTA_PALU.agreementId; // 72.71, 2025-10-01..2025-12-31, terminated from 2025-12-01

const MOVED = nik(700); // the province until 2025-10-31, then the regency, where a work accident killed him
const STAYED = nik(701); // the province through its extension
const CITY = nik(702); // Kota Palu, ended by the termination
const DIED_ON_LAST_DAY = nik(703);

const row = (n: string, occupation: string, name = `Pekerja ${n}`) => ({
  nik: n,
  name,
  occupation,
  villageCode: '72.01.01.2001',
  declaredIncome: 1_000_000,
});

describe('worker view (memberCoverage)', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(SULTENG, [
      signed(SULAWESI_TENGAH),
      cohortEnrolled('petani', 'Petani Sulteng', [row(MOVED, 'petani'), row(STAYED, 'peternak')], '2025-10-01'),
      withdrawn(MOVED, '2025-11-01'),
      periodExtended('2025-12-31', '2026-02-28', SULAWESI_TENGAH.funding.budget),
    ]);
    await ledger.record(BANGKEP, [
      signed(BANGGAI_KEPULAUAN),
      cohortEnrolled('nelayan', 'Nelayan Bangkep', [row(MOVED, 'nelayan', 'La Ode Moved')], '2025-11-01'),
      workAccidentDeathPaid(MOVED, '2025-12-10', '2025-12-15'),
    ]);
    await ledger.record(PALU, [
      signed(KOTA_PALU),
      cohortEnrolled('linmas', 'Linmas Palu', [row(CITY, 'linmas'), row(DIED_ON_LAST_DAY, 'linmas')], '2025-10-01'),
      naturalDeathPaid(DIED_ON_LAST_DAY, '2025-11-30'),
      terminated('2025-12-01'),
    ]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  it('follows a worker from the province to the regency, with the JKK benefit paid to the heir', () => {
    expect(memberCoverage(models.db, MOVED)).toEqual({
      nik: MOVED,
      name: 'La Ode Moved',
      agreements: [
        {
          agreementId: SULTENG,
          pemda: { regionCode: '72', name: 'Provinsi Sulawesi Tengah' },
          cohortId: 'petani',
          occupation: 'petani',
          villageCode: '72.01.01.2001',
          declaredIncome: 1_000_000,
          coverage: { from: '2025-10-01', to: '2025-10-31' },
          endedBy: 'withdrawal',
          personMonths: 1,
        },
        {
          agreementId: BANGKEP,
          pemda: { regionCode: '72.01', name: 'Kabupaten Banggai Kepulauan' },
          cohortId: 'nelayan',
          occupation: 'nelayan',
          villageCode: '72.01.01.2001',
          declaredIncome: 1_000_000,
          coverage: { from: '2025-11-01', to: '2025-12-10' },
          endedBy: 'death',
          personMonths: 2,
        },
      ],
      benefit: {
        claimId: `klaim-${MOVED}`,
        agreementId: BANGKEP,
        dateOfDeath: '2025-12-10',
        paidOn: '2025-12-15',
        cause: 'work-accident',
        program: 'JKK',
        total: 70_000_000,
        components: { deathCompensation: 48_000_000, periodic: 12_000_000, funeral: 10_000_000 },
        scholarshipEligible: true,
        heirName: 'Ahli Waris',
        heirRelationship: 'child',
      },
    });
  });

  it('a worker still covered at the old end continues to the extended end', () => {
    const view = memberCoverage(models.db, STAYED)!;
    expect(view.benefit).toBeNull();
    expect(view.agreements).toEqual([
      expect.objectContaining({
        agreementId: SULTENG,
        coverage: { from: '2025-10-01', to: '2026-02-28' },
        personMonths: 5,
      }),
    ]);
    expect(view.agreements[0]).not.toHaveProperty('endedBy');
  });

  it('a termination ends coverage the day before it takes effect', () => {
    const view = memberCoverage(models.db, CITY)!;
    expect(view.agreements).toEqual([
      expect.objectContaining({
        agreementId: PALU,
        coverage: { from: '2025-10-01', to: '2025-11-30' },
        personMonths: 2,
      }),
    ]);
  });

  it('a death on the last covered day ends coverage on that day', () => {
    const view = memberCoverage(models.db, DIED_ON_LAST_DAY)!;
    expect(view.agreements[0]).toMatchObject({ coverage: { from: '2025-10-01', to: '2025-11-30' }, personMonths: 2 });
    expect(view.benefit).toMatchObject({ program: 'JKM', total: 42_000_000, dateOfDeath: '2025-11-30' });
  });

  it('is null for a NIK never enrolled', () => {
    expect(memberCoverage(models.db, nik(999))).toBeNull();
  });
});
