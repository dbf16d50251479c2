import {
  asEnrolled,
  cohortBatchEnrolled,
  cohortEnrolled,
  members,
  naturalDeathPaid,
  nik,
} from '@pks/domain/testing/fixtures';
import { agreementPremiums, memberCoverage } from '.';
import { generationPath, readGeneration } from './read-model-files';
import { ReadModels } from './read-models';
import { rebuildReadModels } from './rebuild';
import { LedgerBuilder, SUMBA_BARAT_DAYA, premiumPaid, signed, snapshot, tempDir } from './testing/ledger-builder';

/**
 * An event a projection cannot apply is rolled back to its savepoint (its partial writes undone), quarantined
 * with its position and error, and the events after it are applied; the checkpoint moves past it.
 */

const SUMBA = SUMBA_BARAT_DAYA.agreementId;
const STREAM = `agreement-${SUMBA}`;

describe('quarantine of an event a projection cannot apply', () => {
  let ledger: LedgerBuilder;
  let models: ReadModels;
  let malformedAt: number;

  beforeAll(async () => {
    ledger = new LedgerBuilder();
    await ledger.record(SUMBA, [signed(SUMBA_BARAT_DAYA), cohortEnrolled('petani', 'Petani', members(3, 0))]);
    // A CohortEnrolled whose second member's name is an object (better-sqlite3 reads an object as named
    // parameters and throws): the agreements read model writes the cohort and the first member, then fails on the
    // second; the benefits read model ignores enrolments.
    const [good, bad] = asEnrolled(members(2, 10));
    malformedAt = await ledger.raw(STREAM, [
      {
        type: 'CohortEnrolled',
        data: {
          cohortId: 'rusak',
          name: 'Rusak',
          effectiveFrom: '2025-10-01',
          members: [good, { ...bad, name: { first: 'X' } }],
        },
      },
    ]);
    await ledger.record(SUMBA, [
      cohortBatchEnrolled('petani', 2, members(2, 20)),
      premiumPaid('sp2d-001', 50_000, '2025-11-03'),
      naturalDeathPaid(nik(0), '2025-10-20'),
    ]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  it('quarantines it, per projection, with its position, stream, type and error', () => {
    const quarantined = models.runner.quarantined();
    expect(quarantined.map((q) => [q.position, q.projection, q.streamId, q.type])).toEqual([
      [malformedAt, 'agreements', STREAM, 'CohortEnrolled'],
    ]);
    expect(quarantined.every((q) => /Too few parameter values/.test(q.error))).toBe(true);
    expect(models.runner.status()).toMatchObject({ quarantined: 1, lastError: null });
  });

  it('rolls back its partial writes: the first member of the malformed batch is not there', () => {
    expect(memberCoverage(models.db, nik(10))).toBeNull();
    expect(memberCoverage(models.db, nik(11))).toBeNull();
    expect(
      models.db.prepare("SELECT COUNT(*) FROM rm_agreements_members WHERE cohort_id = 'rusak'").pluck().get(),
    ).toBe(0);
    expect(
      models.db.prepare('SELECT COUNT(*) FROM rm_agreements_groups WHERE position = ?').pluck().get(malformedAt),
    ).toBe(0);
    expect(models.db.prepare('SELECT cohort_id FROM rm_agreements_cohorts ORDER BY cohort_id').pluck().all()).toEqual([
      'petani',
    ]);
  });

  it('a rebuild (a bulk load) quarantines it too, and ends with the rows of the live generation', async () => {
    const dir = tempDir();
    try {
      const base = dir.path('rm.sqlite');
      await rebuildReadModels(base, ledger.store);
      const rebuilt = ReadModels.open(generationPath(base, readGeneration(base)), ledger.store);
      const rows = snapshot(rebuilt.db);
      await rebuilt.close();
      expect(rows).toEqual(snapshot(models.db));
      expect(rows.projection_quarantine).toHaveLength(1);
    } finally {
      dir.cleanup();
    }
  });

  it('applies the events after it', () => {
    expect(memberCoverage(models.db, nik(20))?.agreements[0].coverage).toEqual({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    const premiums = agreementPremiums(models.db, SUMBA)!;
    // 5 members (3 + 2), nik(0) died in October: 5 + 4 + 4 person-months.
    expect(premiums.months.map((m) => m.personMonths)).toEqual([5, 4, 4]);
    expect(premiums).toMatchObject({ expected: 13 * 16_800, paid: 50_000 });
    expect(models.db.prepare('SELECT COUNT(*) FROM rm_benefits').pluck().get()).toBe(1);
    expect(models.db.prepare('SELECT COUNT(*) FROM rm_agreements_benefits').pluck().get()).toBe(1);
  });

  it('moves the checkpoint past it, to the head', async () => {
    const head = await ledger.store.headPosition();
    expect(head).toBeGreaterThan(malformedAt);
    expect(models.runner.appliedPosition()).toBe(head);
    expect(models.db.prepare('SELECT DISTINCT position FROM projection_checkpoints').pluck().all()).toEqual([head]);
    expect(models.db.prepare('SELECT version FROM rm_agreements').pluck().get()).toBe(6);
  });

  it('does not retry it on the next catch-up, nor quarantine it twice', async () => {
    await models.runner.catchUp();
    expect(models.runner.quarantined()).toHaveLength(1);
  });
});

describe('quarantine of events no projection understands', () => {
  it('an unknown event type in an agreement stream is quarantined by every projection; other streams are ignored', async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(SUMBA, [signed(SUMBA_BARAT_DAYA)]);
    const unknown = await ledger.raw(STREAM, [{ type: 'CohortRenamed', data: { cohortId: 'petani', name: 'x' } }]);
    const newer = await ledger.raw(STREAM, [{ type: 'PremiumPaymentRecorded', data: {}, schemaVersion: 9 }]);
    await ledger.raw(`person-${nik(0)}`, [
      {
        type: 'DeathBenefitClaimed',
        data: { nik: nik(0), agreementId: SUMBA, claimId: 'klaim-1' },
      },
    ]);
    await ledger.record(SUMBA, [cohortEnrolled('petani', 'Petani', members(4, 0))]);
    const models = await ledger.readModels();
    const quarantined = models.runner.quarantined();
    expect(quarantined.map((q) => `${q.position} ${q.projection}`)).toEqual(
      [`${unknown} agreements`, `${unknown} benefits`, `${newer} agreements`, `${newer} benefits`].sort(),
    );
    expect(quarantined.find((q) => q.position === unknown)?.error).toBe('unknown event type CohortRenamed');
    expect(quarantined.find((q) => q.position === newer)?.error).toMatch(/newer than this build understands/);
    expect(agreementPremiums(models.db, SUMBA)?.months.map((m) => m.personMonths)).toEqual([4, 4, 4]);
    expect(models.runner.appliedPosition()).toBe(await ledger.store.headPosition());
    await models.close();
  });
});

/** A row that breaks a NOT NULL column fails the apply: the event is quarantined, nothing half-written. */
describe('a member row that breaks a NOT NULL column', () => {
  it('quarantines a CohortEnrolled whose member has a null name', async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(SUMBA, [signed(SUMBA_BARAT_DAYA)]);
    const [good, bad] = asEnrolled(members(2, 10));
    const at = await ledger.raw(STREAM, [
      {
        type: 'CohortEnrolled',
        data: {
          cohortId: 'rusak',
          name: 'Rusak',
          effectiveFrom: '2025-10-01',
          members: [good, { ...bad, name: null }],
        },
      },
    ]);
    const models = await ledger.readModels();
    const rows = models.db.prepare('SELECT COUNT(*) FROM rm_agreements_members').pluck().get();
    const counted = models.db.prepare('SELECT COALESCE(SUM(count), 0) FROM rm_agreements_groups').pluck().get();
    const quarantined = models.runner.quarantined();
    const live = snapshot(models.db);
    await models.close();
    expect([rows, counted]).toEqual([0, 0]);
    expect(quarantined.map((q) => [q.position, q.projection])).toEqual([[at, 'agreements']]);
    // Rebuilt, the agreement stays at the version of its signature: the quarantined enrolment moved nothing.
    const dir = tempDir();
    try {
      await rebuildReadModels(dir.path('rm.sqlite'), ledger.store);
      const rebuilt = ReadModels.open(generationPath(dir.path('rm.sqlite'), 1), ledger.store);
      const rebuiltRows = snapshot(rebuilt.db);
      await rebuilt.close();
      expect(rebuiltRows).toEqual(live);
      expect(rebuiltRows.rm_agreements).toMatchObject([{ version: 1 }]);
    } finally {
      dir.cleanup();
    }
  });
});
