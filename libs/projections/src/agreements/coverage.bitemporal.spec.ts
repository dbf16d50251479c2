import { cohortBatchEnrolled, cohortEnrolled, members, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import { agreementCoverage, regionCoverage, type CoverageRequest } from '.';
import type { ReadModels } from '../read-models';
import { mixedHistory } from '../testing/histories';
import {
  KOTA_PALU,
  LedgerBuilder,
  SUMBA_BARAT_DAYA,
  periodExtended,
  signed,
  terminated,
  withdrawn,
} from '../testing/ledger-builder';
import { applyInBatches, storedEvents } from '../testing/projection-specification';

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
  const answer = agreementCoverage(models.db, SUMBA, { ...request, asKnownAt });
  return answer === null ? null : Object.fromEntries(answer.series.map((p) => [p.period, p.coveredMembers]));
}

/** The agreements read model's projection in a generation, to apply events to it again. */
function agreementsOf(models: ReadModels) {
  return models.projections.find((projection) => projection.name === 'agreements')!;
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
    const region = regionCoverage(models.db, '53', { ...MONTHS, asKnownAt: '2025-10-27T00:00:00.000Z' });
    expect(region.series.every((p) => p.coveredMembers === 0)).toBe(true);
    const later = regionCoverage(models.db, '53', { ...MONTHS, asKnownAt: plus(LATE_COHORT_AT, 1) });
    expect(later.series.map((p) => p.coveredMembers)).toEqual([150, 150, 150, 0]);
    expect(later.asKnownAt).toBe(plus(LATE_COHORT_AT, 1));
  });
});

describe('a withdrawal recorded first, then a death on an earlier day recorded later', () => {
  const WITHDRAWN_AT = '2025-11-03T02:00:00.000Z';
  const KNOWN_DEAD_AT = '2025-11-25T02:00:00.000Z';
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(
      SUMBA,
      [signed(SUMBA_BARAT_DAYA), cohortEnrolled('petani', 'Petani SBD', members(10, 0), '2025-10-01')],
      SIGNED_AT,
    );
    await ledger.record(SUMBA, [withdrawn(nik(4), '2025-12-01')], WITHDRAWN_AT);
    await ledger.record(SUMBA, [naturalDeathPaid(nik(4), '2025-10-20')], KNOWN_DEAD_AT);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  it('as known between the two, the worker is covered through November', () => {
    expect(months(models, plus(KNOWN_DEAD_AT, -1))).toEqual({
      '2025-10': 10,
      '2025-11': 10,
      '2025-12': 9,
      '2026-01': 0,
    });
  });

  it('once the death is known, only October: the earliest exit counts, whatever the order it was recorded in', () => {
    expect(months(models, plus(KNOWN_DEAD_AT, 1))).toEqual({ '2025-10': 10, '2025-11': 9, '2025-12': 9, '2026-01': 0 });
    expect(months(models)).toEqual(months(models, plus(KNOWN_DEAD_AT, 1)));
  });
});

/** Every moment's answer stays what it was when the history is applied again (a runner that lost its checkpoint). */
describe('as-known-at answers after the history is applied again', () => {
  it('keeps the answers of Kota Palu as known at three moments', async () => {
    const ledger = await mixedHistory();
    const models = await ledger.readModels();
    const moments = ['2025-10-16T00:00:00.000Z', '2025-11-06T00:00:00.000Z', '2025-12-21T00:00:00.000Z'];
    const request = { from: '2025-10-01', to: '2026-07-31', interval: 'month' as const };
    const answers = () =>
      moments.map((asKnownAt) => agreementCoverage(models.db, KOTA_PALU.agreementId, { ...request, asKnownAt }));
    const before = answers();
    expect(before.map((a) => a?.series.filter((p) => p.coveredMembers > 0).length)).toEqual([6, 6, 9]);
    applyInBatches(models.db, agreementsOf(models), [await storedEvents(ledger)]);
    const after = answers();
    await models.close();
    expect(after).toEqual(before);
  });

  it('re-applying an extension after a later termination derives it from the period before it, not the latest', async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(
      KOTA_PALU.agreementId,
      [
        signed(KOTA_PALU),
        cohortEnrolled('linmas', 'Linmas Palu', members(6, 20_000), '2025-10-01'),
        periodExtended('2025-12-31', '2026-03-31', KOTA_PALU.funding.budget),
      ],
      '2025-10-15T03:00:00.000Z',
    );
    await ledger.record(KOTA_PALU.agreementId, [terminated('2026-02-01')], '2025-12-20T03:00:00.000Z');
    const models = await ledger.readModels();
    const request = { from: '2026-01-01', to: '2026-03-31', interval: 'month' as const };
    const known = () =>
      agreementCoverage(models.db, KOTA_PALU.agreementId, { ...request, asKnownAt: '2025-11-01T00:00:00.000Z' });
    const periods = () => models.db.prepare('SELECT * FROM rm_agreements_periods ORDER BY position').all();
    const before = { periods: periods(), known: known() };
    expect(before.known?.series.map((p) => p.coveredMembers)).toEqual([6, 6, 6]);
    const [, , extension] = await storedEvents(ledger);
    applyInBatches(models.db, agreementsOf(models), [[extension]]);
    const after = { periods: periods(), known: known() };
    await models.close();
    expect(after).toEqual(before);
  });
});
