import type { ReadAllOptions } from '@pks/event-store';
import { READ_MODELS } from './read-model.registry';
import { ReadModels } from './read-models';
import { failingOnRead } from './testing/failing-store';
import { longHistory } from './testing/histories';
import { snapshot, tempDir, type LedgerBuilder } from './testing/ledger-builder';

/**
 * A crash between (or inside) batches of 1,000 events: the read-model file keeps the batches committed with their
 * checkpoint; reopened on the same file, the runner resumes after the checkpoint, and the final rows equal those
 * of a clean single run: nothing lost, nothing counted twice.
 */

function checkpoints(models: ReadModels): number[] {
  return models.db.prepare('SELECT position FROM projection_checkpoints ORDER BY name').pluck().all() as number[];
}

describe('crash between batches, then resume on the same read-model file', () => {
  let ledger: LedgerBuilder;
  let head: number;
  let clean: ReturnType<typeof snapshot>;
  const dir = tempDir();

  beforeAll(async () => {
    ledger = await longHistory(2_600);
    head = await ledger.store.headPosition();
    const models = await ledger.readModels(dir.path('clean.sqlite'));
    clean = snapshot(models.db);
    await models.close();
  });

  afterAll(() => dir.cleanup());

  it('the history needs several batches', () => {
    expect(head).toBeGreaterThan(2_000);
    expect(clean.rm_agreements_members.length).toBeGreaterThan(5_600 + 2_000);
    expect(clean.projection_quarantine).toEqual([]);
  });

  async function resume(path: string): Promise<void> {
    const reopened = ReadModels.open(path, ledger.store);
    expect(reopened.runner.appliedPosition()).toBe(2_000);
    await reopened.runner.catchUp();
    expect(reopened.runner.appliedPosition()).toBe(head);
    expect(checkpoints(reopened)).toEqual(READ_MODELS.map(() => head));
    expect(snapshot(reopened.db)).toEqual(clean);
    await reopened.close();
  }

  it('killed while reading the third batch: resumes after position 2,000', async () => {
    const path = dir.path('read-fails.sqlite');
    const models = ReadModels.open(path, failingOnRead(ledger.store, 3));
    await expect(models.runner.catchUp()).rejects.toThrow('killed while reading the feed');
    expect(models.runner.appliedPosition()).toBe(2_000);
    expect(models.runner.status().lastError).toBe('killed while reading the feed');
    expect(checkpoints(models)).toEqual(READ_MODELS.map(() => 2_000));
    models.db.close(); // the process is gone: no orderly stop
    await resume(path);
  });

  it('killed inside the third batch, after its events were applied and before its commit: the batch is rolled back', async () => {
    const path = dir.path('mid-batch.sqlite');
    let batches = 0;
    const models = ReadModels.open(path, ledger.store, () => (batches += 1));
    const agreements = models.projections.find((projection) => projection.name === 'agreements')!;
    const endBatch = agreements.endBatch.bind(agreements);
    agreements.endBatch = () => {
      if (batches === 2) throw new Error('killed inside the batch');
      endBatch();
    };
    await expect(models.runner.catchUp()).rejects.toThrow('killed inside the batch');
    expect(models.runner.appliedPosition()).toBe(2_000);
    // Nothing of the third batch is in the file: no member enrolled after position 2,000.
    expect(models.db.prepare('SELECT MAX(position) FROM rm_agreements_groups').pluck().get()).toBeLessThanOrEqual(
      2_000,
    );
    expect(models.db.prepare('SELECT MAX(position) FROM rm_agreements').pluck().get()).toBeLessThanOrEqual(2_000);
    models.db.close();
    await resume(path);
  });

  it('the database closed under the runner after two batches', async () => {
    const path = dir.path('closed.sqlite');
    let batches = 0;
    const models: ReadModels = ReadModels.open(path, ledger.store, () => {
      batches += 1;
      if (batches === 2) models.db.close();
    });
    await expect(models.runner.catchUp()).rejects.toThrow();
    expect(models.runner.appliedPosition()).toBe(2_000);
    await resume(path);
  });

  it('a second crash during the resume is resumed as well', async () => {
    const path = dir.path('twice.sqlite');
    const first = ReadModels.open(path, failingOnRead(ledger.store, 2));
    await expect(first.runner.catchUp()).rejects.toThrow();
    first.db.close();
    const second = ReadModels.open(path, failingOnRead(ledger.store, 2));
    expect(second.runner.appliedPosition()).toBe(1_000);
    await expect(second.runner.catchUp()).rejects.toThrow();
    expect(second.runner.appliedPosition()).toBe(2_000);
    second.db.close();
    await resume(path);
  });

  it('the same runner recovers once the feed reads again', async () => {
    let failing = true;
    const flaky = new Proxy(ledger.store, {
      get: (target, property, receiver) =>
        property === 'readAll'
          ? (options: ReadAllOptions) =>
              failing && options.after === 1_000
                ? Promise.reject(new Error('feed unavailable'))
                : target.readAll(options)
          : Reflect.get(target, property, receiver),
    });
    const models = ReadModels.open(':memory:', flaky);
    await expect(models.runner.catchUp()).rejects.toThrow('feed unavailable');
    expect(models.runner.appliedPosition()).toBe(1_000);
    failing = false;
    await models.runner.catchUp();
    // On the loop: no thread of its own, so no heap of its own to report.
    expect(models.runner.status()).toEqual({
      appliedPosition: head,
      quarantined: 0,
      lastError: null,
      threadHeap: null,
    });
    expect(snapshot(models.db)).toEqual(clean);
    await models.close();
  });
});
