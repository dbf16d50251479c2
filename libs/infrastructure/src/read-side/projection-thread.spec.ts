import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { storageFailure, type EventStore } from '@pks/event-store';
import { SqliteEventStore } from '@pks/event-store/adapters';
import { pointTableAtWrongPage } from '@pks/event-store/testing/sqlite-damage';
import { agreementSummary, openReadModelDatabase, ReadModels, ThreadedProjectionRunner } from '@pks/projections';
import { copyHistory, mixedHistory } from '@pks/projections/testing/histories';
import { paymentAppended } from '@pks/projections/testing/money-events';
import { signed, snapshot, SUMBA_BARAT_DAYA, tempDir } from '@pks/projections/testing/ledger-builder';
import { loadConfig } from '../config';
import { projectionThreadOf } from './projection-thread';

/**
 * The projection runner in its own thread (PROJECTION_THREAD=on): the same read models as on the service's loop,
 * the applied position shared as soon as a slice committed, a halt that leaves nothing written after it, and
 * damage or a store it cannot read reported to the service.
 */

const SUMBA = SUMBA_BARAT_DAYA.agreementId;
const POLL_MS = 50;

function payment(amount: number) {
  const id = randomUUID();
  return paymentAppended(id, `p-${id}`, { amount });
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Rows of read models built on the test's own loop over `store`, in memory: what the thread must reach. */
async function referenceRows(store: EventStore) {
  const models = ReadModels.open(':memory:', store);
  await models.runner.catchUp();
  const rows = snapshot(models.db);
  await models.close();
  return rows;
}

describe('the projection runner in its own thread', () => {
  const dir = tempDir();
  const storePath = dir.path('ledger.sqlite');
  let store: SqliteEventStore;
  const opened: ReadModels[] = [];

  const threaded = (name: string, slicing = { batchSize: 7, sliceMs: 1 }) => {
    const thread = projectionThreadOf(loadConfig({ SQLITE_PATH: storePath, PROJECTION_THREAD: 'on' }));
    const models = ReadModels.open(dir.path(name), store, undefined, slicing, thread);
    opened.push(models);
    return models;
  };
  const paidPremium = (models: ReadModels) => agreementSummary(models.reads, SUMBA, '2025-12-01')?.paidPremium;

  beforeAll(async () => {
    store = new SqliteEventStore({ path: storePath });
    await copyHistory((await mixedHistory()).store, store);
  });
  afterAll(async () => {
    for (const models of opened) await models.close().catch(() => undefined);
    await store.close();
    dir.cleanup();
  });

  it('is what PROJECTION_THREAD=on chooses for a SQLite file, and not for a store in memory or with it off', () => {
    expect(projectionThreadOf(loadConfig({ SQLITE_PATH: storePath }))).toMatchObject({ storePath });
    expect(projectionThreadOf(loadConfig({ SQLITE_PATH: storePath, PROJECTION_THREAD: 'off' }))).toBeUndefined();
    expect(projectionThreadOf(loadConfig({ EVENT_STORE: 'memory' }))).toBeUndefined();
    expect(() => loadConfig({ PROJECTION_THREAD: 'yes' })).toThrow(/PROJECTION_THREAD/);
  });

  it('builds the same read models as the service loop, and says how far it got only once it committed that far', async () => {
    const models = threaded('read-a.sqlite');
    expect(models.runner).toBeInstanceOf(ThreadedProjectionRunner);
    models.runner.start(POLL_MS);
    await models.runner.started();
    const head = await store.headPosition();
    await models.runner.catchUpTo(head);
    expect(models.runner.appliedPosition()).toBe(head);
    expect([...models.runner.checkpoints().values()].every((position) => position === head)).toBe(true);
    expect(snapshot(models.reads)).toEqual(await referenceRows(store));
    const { threadHeap, ...status } = models.runner.status();
    expect(status).toEqual({ appliedPosition: head, quarantined: 0, lastError: null });
    // The thread's own heap, published with each commit: a thread that applied the events holds some of it.
    expect(threadHeap?.usedBytes).toBeGreaterThan(1_000_000);
    expect(threadHeap?.usedBytes).toBeLessThanOrEqual(threadHeap?.totalBytes ?? 0);
  });

  it('applies an event appended later once notified; the service reads it as soon as the position shows it', async () => {
    const models = opened[0];
    const before = paidPremium(models)!;
    const { position } = await store.append(`agreement-${SUMBA}`, 'any', [payment(16_800)]);
    models.runner.notify();
    // Whatever position the service reads, the read models' committed checkpoint is at least there.
    const committed = () => Math.min(...models.runner.checkpoints().values());
    await until(() => {
      const shown = models.runner.appliedPosition();
      if (committed() < shown) throw new Error(`position ${shown} shown before its commit (${committed()})`);
      return shown >= position;
    }, `position ${position}`);
    expect(paidPremium(models)).toBe(before + 16_800);
  });

  it('notified many times in one turn of the loop (a group commit), it is sent one message and applies the events', async () => {
    const models = opened[0];
    const before = paidPremium(models)!;
    const appended = await Promise.all(
      [100, 200, 300].map((amount) => store.append(`agreement-${SUMBA}`, 'any', [payment(amount)])),
    );
    const sent = jest.spyOn(Worker.prototype, 'postMessage');
    try {
      for (let i = 0; i < 50; i++) models.runner.notify();
      await new Promise((resolve) => setImmediate(resolve));
      expect(sent.mock.calls.filter(([message]) => (message as { type: string }).type === 'notify')).toHaveLength(1);
    } finally {
      sent.mockRestore();
    }
    const last = Math.max(...appended.map((a) => a.position));
    await until(() => models.runner.appliedPosition() >= last, `position ${last}`);
    expect(paidPremium(models)).toBe(before + 600);
  });

  it('halted, it applies nothing more; started again, it resumes after its checkpoint and applies each event once', async () => {
    const models = opened[0];
    const halted = models.runner.appliedPosition();
    models.runner.halt();
    const { position } = await store.append(`agreement-${SUMBA}`, 'any', [payment(33_600), payment(50_400)]);
    await new Promise((resolve) => setTimeout(resolve, 5 * POLL_MS));
    expect(models.runner.appliedPosition()).toBe(halted);
    expect(Math.min(...models.runner.checkpoints().values())).toBe(halted);
    models.runner.start(POLL_MS);
    await models.runner.started();
    await models.runner.catchUpTo(position);
    expect(models.runner.appliedPosition()).toBe(position);
    expect(snapshot(models.reads)).toEqual(await referenceRows(store));
  });

  it('halted in the middle of a backlog, it stops there at once, not at the end of it; started again, it answers', async () => {
    const models = threaded('read-backlog.sqlite', { batchSize: 250, sliceMs: 50 });
    for (let i = 0; i < 30; i++) {
      await store.append(
        `agreement-${SUMBA}`,
        'any',
        Array.from({ length: 1_000 }, () => payment(16_800)),
      );
    }
    const head = await store.headPosition();
    models.runner.start(60_000);
    await models.runner.started();
    await until(() => models.runner.appliedPosition() > 0, 'the first slices');
    models.runner.halt();
    const halted = models.runner.appliedPosition();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(halted).toBeLessThan(head);
    expect([models.runner.appliedPosition(), Math.min(...models.runner.checkpoints().values())]).toEqual([
      halted,
      halted,
    ]);
    // At once, with no wait for the new thread to say it started: its first call is answered.
    models.runner.start(60_000);
    await models.runner.catchUpTo(head);
    expect(models.runner.appliedPosition()).toBe(head);
  });

  it('says why a pass failed (the read side is then stalled), and recovers by itself once the store reads again', async () => {
    const models = opened[0];
    // The store's events out of reach of the thread's read-only connection for a moment.
    const raw = store.rawDatabase();
    raw.exec('ALTER TABLE events RENAME TO events_elsewhere');
    try {
      models.runner.notify();
      await until(() => models.runner.lastFailure() !== null, 'a failed pass');
      expect(models.runner.lastFailure()).toMatch(/no such table: events/);
    } finally {
      raw.exec('ALTER TABLE events_elsewhere RENAME TO events');
    }
    const { position } = await store.append(`agreement-${SUMBA}`, 'any', [payment(16_800)]);
    models.runner.notify();
    await until(() => models.runner.appliedPosition() === position && models.runner.lastFailure() === null, 'recovery');
    expect(snapshot(models.reads)).toEqual(await referenceRows(store));
  });

  it('reports a read-model file damaged under it as damage, which the service sets aside', async () => {
    const models = threaded('read-b.sqlite');
    const damage = new Promise<unknown>((resolve) => models.runner.whenCorrupt(resolve));
    models.runner.start(POLL_MS);
    await models.runner.started();
    await models.runner.catchUpTo(await store.headPosition());
    pointTableAtWrongPage(dir.path('read-b.sqlite'), 'rm_agreements_payments');
    await store.append(`agreement-${SUMBA}`, 'any', [payment(16_800)]);
    models.runner.notify();
    expect(storageFailure(await damage)).toBe('corrupt');
    expect(models.runner.lastFailure()).toMatch(/malformed/);
  });

  it('reports a file found damaged as the thread opens it as damage too (say, damaged between two starts)', async () => {
    // The service's own connection is on a sound file; the thread is given one that is not a database at all.
    writeFileSync(dir.path('read-e.sqlite'), Buffer.alloc(65_536, 0x13));
    const db = openReadModelDatabase(dir.path('read-f.sqlite'));
    const thread = projectionThreadOf(loadConfig({ SQLITE_PATH: storePath }))!;
    const runner = new ThreadedProjectionRunner(db, dir.path('read-e.sqlite'), thread, store, ['agreements']);
    const damage = new Promise<unknown>((resolve) => runner.whenCorrupt(resolve));
    runner.start(60_000);
    await expect(runner.started()).rejects.toThrow(/projection thread stopped/);
    expect(storageFailure(await damage)).toBe('corrupt');
    expect(runner.lastFailure()).toMatch(/not a database/);
    await runner.stop();
    db.close();
  });

  it('is not started again once stopped, even right after it ended by itself', async () => {
    const missing = dir.path('missing-store.sqlite');
    const thread = { ...projectionThreadOf(loadConfig({ SQLITE_PATH: storePath }))!, storePath: missing };
    const models = ReadModels.open(dir.path('read-d.sqlite'), store, undefined, {}, thread);
    opened.push(models);
    models.runner.start(POLL_MS);
    await expect(models.runner.started()).rejects.toThrow(/projection thread stopped/);
    await models.runner.stop();
    const later = new SqliteEventStore({ path: missing });
    const { type, data } = signed(SUMBA_BARAT_DAYA);
    await later.append(`agreement-${SUMBA}`, 0, [{ ...payment(0), type, data }]);
    await later.close();
    await new Promise((resolve) => setTimeout(resolve, 6 * POLL_MS));
    expect(models.runner.appliedPosition()).toBe(0);
  });

  it('fails to start on a store file it cannot read, says why, and starts again by itself once it can', async () => {
    const later = dir.path('later.sqlite');
    const thread = { ...projectionThreadOf(loadConfig({ SQLITE_PATH: storePath }))!, storePath: later };
    const models = ReadModels.open(dir.path('read-c.sqlite'), store, undefined, {}, thread);
    opened.push(models);
    models.runner.start(POLL_MS);
    await expect(models.runner.started()).rejects.toThrow(/projection thread stopped/);
    expect(models.runner.lastFailure()).toMatch(/unable to open database file|directory does not exist/);
    const laterStore = new SqliteEventStore({ path: later });
    const { type, data } = signed(SUMBA_BARAT_DAYA);
    const { position } = await laterStore.append(`agreement-${SUMBA}`, 0, [{ ...payment(0), type, data }]);
    await laterStore.close();
    await until(() => models.runner.lastFailure() === null, 'the thread started again');
    await until(() => models.runner.appliedPosition() === position, 'the thread caught up');
    expect(models.runner.status()).toMatchObject({ appliedPosition: position, quarantined: 0, lastError: null });
  });
});
