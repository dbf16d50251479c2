import { cohortEnrolled, members } from '@pks/domain/testing/fixtures';
import type { RecordedEvent } from '@pks/event-store';
import type { Projection } from './projection';
import type { ReadModels } from './read-models';
import { agreementCoverage, agreementPremiums, doubleFunding } from './queries';
import { mixedHistory } from './testing/histories';
import { KOTA_PALU, LedgerBuilder, periodExtended, signed, snapshot, terminated } from './testing/ledger-builder';

/**
 * Applying the same events twice changes nothing: every projection's writes are keyed by the event, and the
 * runner resumes after its checkpoint.
 */

async function allEvents(ledger: LedgerBuilder): Promise<RecordedEvent[]> {
  return ledger.store.readAll({ after: 0, limit: 1_000_000 });
}

/** Every projection applies every event again, as a runner that lost its checkpoint would, then ends the batch. */
function applyAgain(models: ReadModels, events: readonly RecordedEvent[]): void {
  const projections: Projection[] = [models.agreements, models.coverage, models.benefits];
  models.db.transaction(() => {
    for (const event of events) for (const projection of projections) projection.apply(event);
    for (const projection of projections) projection.endBatch?.();
  })();
}

describe('idempotency of the projections', () => {
  let ledger: LedgerBuilder;
  let models: ReadModels;

  beforeAll(async () => {
    ledger = await mixedHistory();
  });

  beforeEach(async () => {
    models = await ledger.readModels();
  });

  afterEach(() => models.close());

  it('the history fills every table (so that the comparisons below compare something)', () => {
    const rows = snapshot(models.db);
    for (const table of [
      'rm_agreements',
      'rm_cohorts',
      'rm_payments',
      'rm_members',
      'rm_periods',
      'rm_coverage_groups',
      'rm_coverage_exits',
      'rm_coverage_month',
      'rm_coverage_day_delta',
      'rm_province_month',
      'rm_province_day_delta',
      'rm_coverage_regions',
      'rm_benefits',
      'rm_double_members',
      'rm_double_funding',
    ]) {
      expect(rows[table].length).toBeGreaterThan(0);
    }
    expect(rows.projection_quarantine).toEqual([]);
  });

  it('applying every event a second time leaves every rm_* table as it was', async () => {
    const before = snapshot(models.db);
    applyAgain(models, await allEvents(ledger));
    expect(snapshot(models.db)).toEqual(before);
  });

  it('applying each event a second time right after the first, one batch per event, changes nothing', async () => {
    const events = await allEvents(ledger);
    const fresh = await new LedgerBuilder().readModels(':memory:', ledger.store);
    const expected = snapshot(fresh.db);
    await fresh.close();
    const twice = new LedgerBuilder();
    const target = await twice.readModels(); // an empty store: nothing applied yet
    for (const event of events) applyAgain(target, [event, event]);
    expect(snapshot(target.db)).toEqual({ ...expected, projection_quarantine: [] });
    await target.close();
  });

  it('applying the history again keeps the as-known-at answers of every moment', async () => {
    const moments = ['2025-10-16T00:00:00.000Z', '2025-11-06T00:00:00.000Z', '2025-12-21T00:00:00.000Z'];
    const request = { from: '2025-10-01', to: '2026-07-31', interval: 'month' as const };
    const answers = () =>
      moments.map((asKnownAt) => agreementCoverage(models, KOTA_PALU.agreementId, { ...request, asKnownAt }));
    const before = answers();
    expect(before.map((a) => a?.series.filter((p) => p.coveredMembers > 0).length)).toEqual([6, 6, 9]);
    applyAgain(models, await allEvents(ledger));
    expect(answers()).toEqual(before);
  });

  it('running the runner twice changes nothing, and its checkpoint stays at the head', async () => {
    const head = await ledger.store.headPosition();
    const before = snapshot(models.db);
    await models.runner.catchUp();
    await models.runner.catchUp();
    expect(snapshot(models.db)).toEqual(before);
    expect(models.runner.appliedPosition()).toBe(head);
    expect(models.db.prepare('SELECT name, position FROM projection_checkpoints ORDER BY name').all()).toEqual([
      { name: 'agreements', position: head },
      { name: 'benefits', position: head },
      { name: 'coverage', position: head },
    ]);
  });

  it('the query answers do not change after a second application', async () => {
    const answers = () => ({
      premiums: agreementPremiums(models, 'sumba-barat-daya-2025'),
      doubleFunding: doubleFunding(models),
    });
    const before = answers();
    expect(before.premiums).toMatchObject({ expected: 282_240_000 - 3 * 16_800, refundable: 3 * 16_800 });
    expect(before.doubleFunding.items).toHaveLength(5);
    applyAgain(models, await allEvents(ledger));
    await models.runner.catchUp();
    expect(answers()).toEqual(before);
  });
});

/** Re-applying a period change derives it from the period before the event, not from the latest one. */
describe('re-applying an extension after a later termination', () => {
  it('leaves rm_periods and the as-known-at coverage unchanged', async () => {
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
    const request = {
      from: '2026-01-01',
      to: '2026-03-31',
      interval: 'month' as const,
      asKnownAt: '2025-11-01T00:00:00.000Z',
    };
    const before = { rows: snapshot(models.db), known: agreementCoverage(models, KOTA_PALU.agreementId, request) };
    expect(before.known?.series.map((p) => p.coveredMembers)).toEqual([6, 6, 6]);
    applyAgain(models, await allEvents(ledger));
    const after = { rows: snapshot(models.db), known: agreementCoverage(models, KOTA_PALU.agreementId, request) };
    await models.close();
    // Observed: the extension's row gets termination_date 2026-02-01 and last_covered_day 2026-01-31;
    // as known at 2025-11-01, February and March drop from 6 to 0.
    expect(after.rows.rm_periods).toEqual(before.rows.rm_periods);
    expect(after.known).toEqual(before.known);
  });
});
