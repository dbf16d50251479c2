import { cohortEnrolled, members } from '@pks/domain/testing/fixtures';
import { regionCoverage, type CoverageRequest } from '.';
import type { ReadModels } from '../read-models';
import {
  BANGGAI_KEPULAUAN,
  KOTA_PALU,
  LedgerBuilder,
  LUWU_TIMUR,
  SULAWESI_TENGAH,
  SUMBA_BARAT_DAYA,
  signed,
} from '../testing/ledger-builder';

/** API.md "coverage over time" by region: the agreements of a region and of the regions below it, summed. */

const MONTHS: CoverageRequest = { from: '2025-10-01', to: '2026-01-31', interval: 'month' };

function series(models: ReadModels, region: string | undefined, request: CoverageRequest = MONTHS) {
  return Object.fromEntries(regionCoverage(models.db, region, request).series.map((p) => [p.period, p.coveredMembers]));
}

describe('coverage of a region (prefix sums)', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    // Provinsi Sulawesi Tengah (72), 2025-10-01..2025-12-31: 5 workers.
    await ledger.record(SULAWESI_TENGAH.agreementId, [
      signed(SULAWESI_TENGAH),
      cohortEnrolled('petani', 'Petani Sulteng', members(5, 0), '2025-10-01'),
    ]);
    // Kabupaten Banggai Kepulauan (72.01), 2025-11-01..2026-01-31: 3 workers.
    await ledger.record(BANGGAI_KEPULAUAN.agreementId, [
      signed(BANGGAI_KEPULAUAN),
      cohortEnrolled('nelayan', 'Nelayan Bangkep', members(3, 100), '2025-11-01'),
    ]);
    // Kota Palu (72.71), 2025-10-01..2025-12-31: 2 workers.
    await ledger.record(KOTA_PALU.agreementId, [
      signed(KOTA_PALU),
      cohortEnrolled('linmas', 'Linmas Palu', members(2, 200), '2025-10-01'),
    ]);
    // Luwu Timur (73.24), the whole of 2025: 7 workers. Sumba Barat Daya (53.18): 1 worker.
    await ledger.record(LUWU_TIMUR.agreementId, [
      signed(LUWU_TIMUR),
      cohortEnrolled('nelayan', 'Nelayan Luwu Timur', members(7, 300), '2025-01-01'),
    ]);
    await ledger.record(SUMBA_BARAT_DAYA.agreementId, [
      signed(SUMBA_BARAT_DAYA),
      cohortEnrolled('petani', 'Petani SBD', members(1, 400), '2025-10-01'),
    ]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  it('a province (72) includes its regencies and cities (72.01, 72.71)', () => {
    expect(series(models, '72')).toEqual({
      '2025-10': 5 + 2,
      '2025-11': 5 + 3 + 2,
      '2025-12': 5 + 3 + 2,
      '2026-01': 3,
    });
  });

  it('a regency (72.01) is only itself: neither its province nor its sibling city', () => {
    expect(series(models, '72.01')).toEqual({ '2025-10': 0, '2025-11': 3, '2025-12': 3, '2026-01': 3 });
    expect(series(models, '72.71')).toEqual({ '2025-10': 2, '2025-11': 2, '2025-12': 2, '2026-01': 0 });
  });

  it('matches whole segments only: 72.0 and 7 are not prefixes of 72.01', () => {
    const nothing = { '2025-10': 0, '2025-11': 0, '2025-12': 0, '2026-01': 0 };
    expect(series(models, '72.0')).toEqual(nothing);
    expect(series(models, '7')).toEqual(nothing);
    expect(series(models, '72.010')).toEqual(nothing);
  });

  it('another province (73) sums its own regencies only', () => {
    expect(series(models, '73')).toEqual({ '2025-10': 7, '2025-11': 7, '2025-12': 7, '2026-01': 0 });
  });

  it('without a region, sums every agreement', () => {
    expect(series(models, undefined)).toEqual({ '2025-10': 15, '2025-11': 18, '2025-12': 18, '2026-01': 3 });
    expect(series(models, '')).toEqual(series(models, undefined));
  });

  it('by day: the regency joins the province on 2025-11-01', () => {
    expect(series(models, '72', { from: '2025-10-31', to: '2025-11-01', interval: 'day' })).toEqual({
      '2025-10-31': 7,
      '2025-11-01': 10,
    });
  });

  it('gives the same answer from the facts (asKnownAt after everything) as from the materialized series', () => {
    const now = '2030-01-01T00:00:00.000Z';
    for (const region of ['72', '72.01', '73', '72.0', undefined]) {
      expect(series(models, region, { ...MONTHS, asKnownAt: now })).toEqual(series(models, region));
      const days: CoverageRequest = { from: '2025-10-25', to: '2025-11-05', interval: 'day' };
      expect(series(models, region, { ...days, asKnownAt: now })).toEqual(series(models, region, days));
    }
  });
});
