import { cohortBatchEnrolled, cohortEnrolled, members, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import { agreementCoverage, regionCoverage, type CoverageRequest } from './queries';
import type { ReadModels } from './read-models';
import { LedgerBuilder, SUMBA_BARAT_DAYA, periodExtended, signed } from './testing/ledger-builder';

/**
 * Coverage "as known at" an instant: only the facts recorded up to it count. A cohort recorded in November with
 * an October effective date changes October, but only for questions asked after it was recorded.
 */

const SUMBA = SUMBA_BARAT_DAYA.agreementId;
const SIGNED_AT = '2025-10-28T03:00:00.000Z';
const LATE_COHORT_AT = '2025-11-05T04:00:00.000Z';
const DEATH_AT = '2025-11-20T01:00:00.000Z';
const EXTENDED_AT = '2025-12-15T06:00:00.000Z';

const MONTHS: CoverageRequest = { from: '2025-10-01', to: '2026-01-31', interval: 'month' };

function months(models: ReadModels, asKnownAt?: string, request: CoverageRequest = MONTHS) {
  const answer = agreementCoverage(models, SUMBA, { ...request, asKnownAt });
  return answer === null ? null : Object.fromEntries(answer.series.map((p) => [p.period, p.coveredMembers]));
}

function plus(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

describe('bitemporal coverage (asKnownAt)', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(
      SUMBA,
      [signed(SUMBA_BARAT_DAYA), cohortEnrolled('petani', 'Petani SBD', members(100, 0), '2025-10-01')],
      SIGNED_AT,
    );
    // Recorded on 5 November, effective from 1 October (a late list from the village).
    await ledger.record(SUMBA, [cohortBatchEnrolled('petani', 2, members(50, 100), '2025-10-01')], LATE_COHORT_AT);
    // A death on 20 October, known on 20 November.
    await ledger.record(SUMBA, [naturalDeathPaid(nik(3), '2025-10-20')], DEATH_AT);
    await ledger.record(
      SUMBA,
      [periodExtended('2025-12-31', '2026-01-31', SUMBA_BARAT_DAYA.funding.budget)],
      EXTENDED_AT,
    );
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  it('before the late cohort was recorded, October excludes it', () => {
    expect(months(models, '2025-11-01T00:00:00.000Z')).toEqual({
      '2025-10': 100,
      '2025-11': 100,
      '2025-12': 100,
      '2026-01': 0,
    });
    expect(months(models, plus(LATE_COHORT_AT, -1))).toMatchObject({ '2025-10': 100 });
  });

  it('after it was recorded, October includes it', () => {
    expect(months(models, plus(LATE_COHORT_AT, 1))).toEqual({
      '2025-10': 150,
      '2025-11': 150,
      '2025-12': 150,
      '2026-01': 0,
    });
  });

  it('a death recorded later takes the months after it back only from then on', () => {
    expect(months(models, plus(DEATH_AT, -1))).toMatchObject({ '2025-10': 150, '2025-11': 150 });
    expect(months(models, plus(DEATH_AT, 1))).toEqual({ '2025-10': 150, '2025-11': 149, '2025-12': 149, '2026-01': 0 });
    const days: CoverageRequest = { from: '2025-10-20', to: '2025-10-21', interval: 'day' };
    expect(months(models, plus(DEATH_AT, -1), days)).toEqual({ '2025-10-20': 150, '2025-10-21': 150 });
    expect(months(models, plus(DEATH_AT, 1), days)).toEqual({ '2025-10-20': 150, '2025-10-21': 149 });
  });

  it('an extension counts from its recording', () => {
    expect(months(models, plus(EXTENDED_AT, -1))).toMatchObject({ '2026-01': 0 });
    expect(months(models, plus(EXTENDED_AT, 1))).toMatchObject({ '2025-12': 149, '2026-01': 149 });
  });

  it('without asKnownAt, answers what is known now', () => {
    expect(months(models)).toEqual({ '2025-10': 150, '2025-11': 149, '2025-12': 149, '2026-01': 149 });
    expect(months(models, '2026-06-01T00:00:00.000Z')).toEqual(months(models));
  });

  it('an agreement not yet signed at asKnownAt has no coverage: null', () => {
    expect(months(models, '2025-10-27T00:00:00.000Z')).toBeNull();
    expect(months(models, plus(SIGNED_AT, -1))).toBeNull();
    expect(months(models, plus(SIGNED_AT, 1))).toMatchObject({ '2025-10': 100 });
  });

  it('a region as known before the signature counts nothing', () => {
    const region = regionCoverage(models, '53', { ...MONTHS, asKnownAt: '2025-10-27T00:00:00.000Z' });
    expect(region.series.every((p) => p.coveredMembers === 0)).toBe(true);
    const later = regionCoverage(models, '53', { ...MONTHS, asKnownAt: plus(LATE_COHORT_AT, 1) });
    expect(later.series.map((p) => p.coveredMembers)).toEqual([150, 150, 150, 0]);
    expect(later.asKnownAt).toBe(plus(LATE_COHORT_AT, 1));
  });
});
