import type Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { nik } from '@pks/domain/testing/fixtures';
import {
  agreementPremiums,
  benefitDisbursements,
  doubleFunding,
  listAgreements,
  memberCoverage,
  regionCoverage,
} from '.';
import { openReadModelReader } from './read-model-database';
import { generationPath, readGeneration } from './read-model-files';
import { ReadModelHost } from './read-model-host';
import { ReadModels } from './read-models';
import { rebuildReadModels, type RebuildProgress } from './rebuild';
import { failingOnRead } from './testing/failing-store';
import { longHistory, mixedHistory } from './testing/histories';
import { type LedgerBuilder, SUMBA_BARAT_DAYA, premiumPaid, snapshot, tempDir } from './testing/ledger-builder';

/**
 * Rebuild: every read model from the events alone into a new generation, then the pointer; a host swaps to it.
 * A killed rebuild resumes from its own checkpoint.
 */

const SUMBA = SUMBA_BARAT_DAYA.agreementId;

/** What the API would answer from these read models. */
function answers(models: ReadModels) {
  return {
    agreements: listAgreements(models.db, { today: '2025-11-10' }),
    premiums: agreementPremiums(models.db, SUMBA),
    coverage: regionCoverage(models.db, '72', { from: '2025-10-01', to: '2026-06-30', interval: 'month' }),
    days: regionCoverage(models.db, undefined, { from: '2025-10-25', to: '2025-11-05', interval: 'day' }),
    benefits: benefitDisbursements(models.db, {}),
    doubleFunding: doubleFunding(models.db),
    member: memberCoverage(models.db, nik(10_046)),
  };
}

/** Every table and index of the file, with the statement that made it. */
function schemaOf(db: Database.Database) {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
}

/** SQLite's plan for a statement, one line a step. */
function planOf(db: Database.Database, sql: string): string {
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('') as { detail: string }[];
  return steps.map((step) => step.detail).join('\n');
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('rebuild into a new generation, and the host swapping to it', () => {
  const dir = tempDir();
  let ledger: LedgerBuilder;
  let host: ReadModelHost;
  const base = dir.path('read-models.sqlite');

  beforeAll(async () => {
    ledger = await mixedHistory();
    host = ReadModelHost.open(base, ledger.store);
    await host.start(20);
    await host.current().runner.catchUp();
  });

  afterAll(async () => {
    await host.close();
    dir.cleanup();
  });

  it('builds generation 1 with the same rows and answers as the live generation 0, and the host swaps to it', async () => {
    const head = await ledger.store.headPosition();
    expect(host.currentGeneration()).toBe(0);
    const live = answers(host.current());
    const liveRows = snapshot(host.current().db);
    const liveSchema = schemaOf(host.current().db);
    const progress: RebuildProgress[] = [];

    const result = await rebuildReadModels(base, ledger.store, (p) => progress.push(p));
    // As the rebuild left it, before a host opens it (a live writer adds its indexes if they are missing).
    const rebuilt = openReadModelReader(generationPath(base, 1));
    const rebuiltSchema = schemaOf(rebuilt);
    const workerLookUp = planOf(rebuilt, 'SELECT agreement_id FROM rm_agreements_members WHERE nik = ?');
    rebuilt.close();

    expect(result).toMatchObject({
      generation: 1,
      resumed: false,
      eventsApplied: head,
      headPosition: head,
      quarantined: [],
    });
    expect(progress[progress.length - 1]).toMatchObject({ generation: 1, appliedPosition: head, headPosition: head });
    expect(JSON.parse(readFileSync(`${base}.current`, 'utf8'))).toEqual({ generation: 1 });
    expect(readGeneration(base)).toBe(1);
    expect(existsSync(`${base}.rebuilding`)).toBe(false);
    expect(generationPath(base, 1)).toBe(dir.path('read-models.g1.sqlite'));

    await until(() => host.currentGeneration() === 1);
    expect(host.current().db.name).toBe(generationPath(base, 1));
    expect(answers(host.current())).toEqual(live);
    expect(snapshot(host.current().db)).toEqual(liveRows);
    // The indexes a bulk load leaves out while it loads are there at its end: a worker's enrolments are one
    // range of the NIK index, not a walk of every member of every agreement.
    expect(rebuiltSchema).toEqual(liveSchema);
    expect(workerLookUp).toMatch(/USING COVERING INDEX rm_agreements_members_nik \(nik=\?\)/);
  });

  it('the swapped-in generation keeps following the feed', async () => {
    const before = agreementPremiums(host.current().db, SUMBA)!.paid;
    const position = await ledger.record(SUMBA, [premiumPaid('sp2d-after-rebuild', 16_800, '2025-12-01')]);
    await until(() => host.current().runner.appliedPosition() >= position);
    expect(agreementPremiums(host.current().db, SUMBA)!.paid).toBe(before + 16_800);
  });

  it('a second rebuild makes generation 2, and the host swaps again', async () => {
    const live = answers(host.current());
    const result = await rebuildReadModels(base, ledger.store);
    expect(result).toMatchObject({ generation: 2, resumed: false });
    await until(() => host.currentGeneration() === 2);
    expect(answers(host.current())).toEqual(live);
  });

  it('a host opened later starts on the generation the pointer names', async () => {
    const other = ReadModelHost.open(base, ledger.store);
    expect(other.currentGeneration()).toBe(2);
    await other.current().runner.catchUp();
    expect(answers(other.current())).toEqual(answers(host.current()));
    await other.close();
  });

  it('refuses to rebuild an in-memory read model', async () => {
    await expect(rebuildReadModels(':memory:', ledger.store)).rejects.toThrow(/in-memory/);
  });
});

describe('a killed rebuild', () => {
  const dir = tempDir();
  const base = dir.path('rm.sqlite');
  let ledger: LedgerBuilder;
  let head: number;
  let liveRows: ReturnType<typeof snapshot>;

  beforeAll(async () => {
    ledger = await longHistory(2_600);
    head = await ledger.store.headPosition();
    const live = await ledger.readModels(base);
    liveRows = snapshot(live.db);
    await live.close();
  });

  afterAll(() => dir.cleanup());

  it('resumes from its own checkpoint and finishes with the rows of the live generation', async () => {
    // The rebuild of generation 1 was killed after its first batch of 1,000 events.
    writeFileSync(`${base}.rebuilding`, JSON.stringify({ generation: 1 }));
    const partial = ReadModels.open(generationPath(base, 1), failingOnRead(ledger.store, 2));
    await expect(partial.runner.catchUp()).rejects.toThrow();
    expect(partial.runner.appliedPosition()).toBe(1_000);
    partial.db.close();

    const result = await rebuildReadModels(base, ledger.store);

    expect(result).toMatchObject({ generation: 1, resumed: true, eventsApplied: head - 1_000, headPosition: head });
    expect(readGeneration(base)).toBe(1);
    expect(existsSync(`${base}.rebuilding`)).toBe(false);
    const rebuilt = ReadModels.open(generationPath(base, 1), ledger.store);
    expect(rebuilt.runner.appliedPosition()).toBe(head);
    expect(snapshot(rebuilt.db)).toEqual(liveRows);
    await rebuilt.close();
  });

  it('without a marker, a leftover file of the next generation is discarded, not resumed', async () => {
    // Generation 2's file holds rows from another history (an aborted attempt whose marker was removed).
    const other = await (await mixedHistory()).readModels(generationPath(base, 2));
    await other.close();

    const result = await rebuildReadModels(base, ledger.store);

    expect(result).toMatchObject({ generation: 2, resumed: false, eventsApplied: head });
    const rebuilt = ReadModels.open(generationPath(base, 2), ledger.store);
    expect(snapshot(rebuilt.db)).toEqual(liveRows);
    await rebuilt.close();
  });

  it('a marker left by a rebuild that finished (it names the live generation) starts a new generation', async () => {
    writeFileSync(`${base}.rebuilding`, JSON.stringify({ generation: readGeneration(base) }));

    const result = await rebuildReadModels(base, ledger.store);

    expect(result).toMatchObject({ generation: 3, resumed: false, eventsApplied: head });
    expect(readGeneration(base)).toBe(3);
  });
});
