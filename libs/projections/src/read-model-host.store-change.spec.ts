import { existsSync, writeFileSync } from 'node:fs';
import type { EventStore } from '@pks/event-store';
import { agreementPremiums } from '.';
import { generationPath, readGeneration } from './read-model-files';
import { ReadModelHost } from './read-model-host';
import { ReadModels } from './read-models';
import { rebuildReadModels } from './rebuild';
import { mixedHistory } from './testing/histories';
import { type LedgerBuilder, SUMBA_BARAT_DAYA, premiumPaid, snapshot, tempDir } from './testing/ledger-builder';
import { copyOf, switchable, withoutLog } from './testing/store-copies';

/**
 * A generation of the read models records the store it follows (its first event, and the event at its
 * checkpoint). When the store is behind the checkpoint or differs at it (a restored older backup, another file),
 * the host replaces the generation by one rebuilt from the store as it is, before answering anything from it:
 * read models never skip new events nor keep events the store no longer holds.
 */
const SUMBA = SUMBA_BARAT_DAYA.agreementId;

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The rows read models built from nothing over `store` hold. */
async function freshRows(store: EventStore) {
  const dir = tempDir();
  const models = ReadModels.open(dir.path('fresh.sqlite'), store);
  try {
    await models.runner.catchUp();
    return snapshot(models.db);
  } finally {
    await models.close();
    dir.cleanup();
  }
}

/** The same on a store that keeps a transparency log (the check reads its leaves) and on one that keeps none. */
const stores: [string, (store: EventStore) => EventStore][] = [
  ['keeps a transparency log', (store) => store],
  ['keeps no transparency log (as EventStoreDB)', withoutLog],
];

describe.each(stores)('read models whose store changed, on a store that %s', (_kind, as) => {
  let dir: ReturnType<typeof tempDir>;
  let base: string;
  let ledger: LedgerBuilder;
  let head: number;
  const hosts: ReadModelHost[] = [];
  const logged: string[] = [];
  const open = (store: EventStore) => {
    const host = ReadModelHost.open(base, as(store), { log: (level, message) => logged.push(`${level} ${message}`) });
    hosts.push(host);
    return host;
  };

  beforeEach(async () => {
    dir = tempDir();
    base = dir.path('read-models.sqlite');
    logged.length = 0;
    ledger = await mixedHistory();
    head = await ledger.store.headPosition();
    const first = open(ledger.store);
    await first.start(10);
    await until(() => first.current().runner.appliedPosition() === head);
    await first.close();
    hosts.length = 0;
  });
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
    dir.cleanup();
  });

  it('records the store it follows with its checkpoint', async () => {
    const models = ReadModels.open(base, ledger.store);
    const [first] = await ledger.store.readAll({ after: 0, limit: 1 });
    const [last] = await ledger.store.readAll({ after: head - 1, limit: 1 });
    expect(
      models.db.prepare('SELECT identity, position, stream_id AS streamId, version, hash FROM followed_store').get(),
    ).toEqual({
      identity: first.hash,
      position: head,
      streamId: last.streamId,
      version: last.version,
      hash: last.hash,
    });
    await models.close();
  });

  it('goes on with its generation when the store only grew', async () => {
    await ledger.record(SUMBA, [premiumPaid('sp2d-grown-1', 16_800, '2025-11-20')]);
    const host = open(ledger.store);
    await host.start(10);
    await until(() => host.current().runner.appliedPosition() === head + 1);
    expect(host.currentGeneration()).toBe(0);
    expect(host.health().lastSetAside).toBeUndefined();
  });

  it('rebuilds by itself on a restored older copy of the store, before answering, as a fresh rebuild', async () => {
    const older = await copyOf(ledger.store, head - 3);
    const host = open(older);
    await host.start(10);

    expect(host.currentGeneration()).toBe(1);
    expect(host.health()).toMatchObject({
      state: 'rebuilding',
      rebuild: {
        generation: 0,
        cause: 'store-changed',
        setAsideAs: null,
        reason: expect.stringMatching(`no event at position ${head}`),
      },
    });
    expect(existsSync(base)).toBe(false);
    expect(logged).toEqual([
      expect.stringMatching(
        /^error read models generation 0 no longer follows the store .*removed, rebuilding generation 1/,
      ),
    ]);
    await until(() => !host.isRebuilding());
    expect(host.current().runner.appliedPosition()).toBe(head - 3);
    expect(snapshot(host.current().db)).toEqual(await freshRows(older));
  });

  it('rebuilds by itself on a copy that took another course, once it has as many events', async () => {
    // The copy's course parts from the original's in the stream of the checkpoint's event: at its stream and
    // version, and at its position, the copy holds another event.
    const [atCheckpoint] = await ledger.store.readAll({ after: head - 1, limit: 1 });
    const agreementId = atCheckpoint.streamId.replace(/^agreement-/, '');
    const diverged = await copyOf(ledger.store, head - 2);
    for (let i = 0; i < 4; i++) {
      const version = (await diverged.streamVersion(atCheckpoint.streamId)) as number;
      const payment = premiumPaid(`sp2d-other-course-${i}`, 16_800, '2025-11-21');
      await diverged.append(atCheckpoint.streamId, version, [
        { eventId: `other-${i}`, ...payment, metadata: atCheckpoint.metadata },
      ]);
    }
    const host = open(diverged);
    await host.start(10);
    expect(host.health().rebuild).toMatchObject({
      cause: 'store-changed',
      reason: expect.stringMatching(/not the one the read models applied/),
    });
    await until(() => !host.isRebuilding());
    expect(host.read((models) => agreementPremiums(models.db, agreementId))!.payments).toContainEqual(
      expect.objectContaining({ paymentId: 'sp2d-other-course-3' }),
    );
    expect(snapshot(host.current().db)).toEqual(await freshRows(diverged));
  });

  it('rebuilds by itself when the store is restored under the running read models', async () => {
    const { store, switchTo } = switchable(ledger.store);
    const host = open(store);
    await host.start(10);
    const older = await copyOf(ledger.store, head - 5);
    switchTo(older);
    await older.append(`agreement-${SUMBA}`, 'any', [
      {
        eventId: 'after-restore',
        ...premiumPaid('sp2d-after-restore', 16_800, '2025-11-22'),
        metadata: (await older.readAll({ after: 0, limit: 1 }))[0].metadata,
      },
    ]);
    await until(() => host.currentGeneration() === 1 && !host.isRebuilding());
    expect(host.health().lastSetAside).toMatchObject({ generation: 0, cause: 'store-changed' });
    expect(host.read((models) => agreementPremiums(models.db, SUMBA))!.payments).toContainEqual(
      expect.objectContaining({ paymentId: 'sp2d-after-restore' }),
    );
    expect(snapshot(host.current().db)).toEqual(await freshRows(older));
  });

  it('removes a generation once swapped out, and stale ones left by earlier versions', async () => {
    writeFileSync(generationPath(base, 7), 'left over');
    const host = open(ledger.store);
    expect(existsSync(generationPath(base, 7))).toBe(false);
    await host.start(10);
    await rebuildReadModels(base, ledger.store);
    await until(() => host.currentGeneration() === 1);
    await until(() => !existsSync(base));
    expect(readGeneration(base)).toBe(1);
    expect(existsSync(generationPath(base, 1))).toBe(true);
  });
});
