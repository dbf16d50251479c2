import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from './event-store.contract';
import { describeTransparencyLogContract } from './event-store.contract.log';
import { WrongExpectedVersionError } from './event-store.errors';
import { CONTRACT_INDEXER, newEvent, newEvents, range, readEverything } from './event-store.test-fixtures';
import { verifyChain } from './hash-chain';
import { SqliteEventStore, type GroupCommit } from './sqlite.event-store';
import { SCHEMA_VERSION } from './sqlite.schema';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pks-event-store-'));
}

async function sqliteStore() {
  const dir = tempDir();
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), indexer: CONTRACT_INDEXER });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeEventStoreContract('SqliteEventStore', sqliteStore);
describeTransparencyLogContract('SqliteEventStore', sqliteStore);

describe('SqliteEventStore on a file', () => {
  let dir: string;
  let path: string;
  const opened: SqliteEventStore[] = [];
  const open = (synchronous?: 'FULL' | 'NORMAL'): SqliteEventStore => {
    const store = new SqliteEventStore({ path, synchronous });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = tempDir();
    // A missing parent directory is part of what is tested.
    path = join(dir, 'nested', 'data', 'events.sqlite');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a whole group commit, writing nothing, when the disk fills up during one of its appends', async () => {
    const store = open();
    await store.append('before', 0, newEvents(1));
    const db = store.rawDatabase();
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 4}`);
    const huge = newEvent('ThingHappened', { blob: 'x'.repeat(200_000) });
    const outcomes = await Promise.allSettled([
      store.append('a', 0, newEvents(1)),
      store.append('b', 0, [huge]),
      store.append('c', 0, newEvents(1)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    db.pragma('max_page_count = 1073741823');
    expect([await store.streamVersion('a'), await store.streamVersion('c'), await store.headPosition()]).toEqual([
      0, 0, 1,
    ]);
  });

  it('tells its observer the size of each group commit: appends of one turn together, a refused one counted', async () => {
    const commits: GroupCommit[] = [];
    const store = new SqliteEventStore({ path, onCommit: (commit) => commits.push(commit) });
    opened.push(store);
    await store.append('a', 0, newEvents(2));
    const outcomes = await Promise.allSettled([
      store.append('b', 0, newEvents(3)),
      store.append('a', 0, newEvents(1)),
      store.append('c', 0, newEvents(1)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(commits.map(({ appends, events }) => ({ appends, events }))).toEqual([
      { appends: 1, events: 2 },
      { appends: 3, events: 4 },
    ]);
    expect(commits.every((commit) => commit.seconds >= 0)).toBe(true);
  });

  it('keeps events, stream versions and idempotency records across a reopen', async () => {
    const first = open();
    await first.append('a', 0, newEvents(3));
    await first.append('b', 0, newEvents(2), { idempotency: { key: 'k', requestHash: 'h' } });
    const before = await readEverything(first);
    await first.close();

    const reopened = open();
    expect(await readEverything(reopened)).toEqual(before);
    expect(await reopened.headPosition()).toBe(5);
    expect(await reopened.streamVersion('a')).toBe(3);
    expect(await reopened.findIdempotencyRecord('k')).toMatchObject({ streamId: 'b', fromVersion: 1, toVersion: 2 });
    const next = await reopened.append('a', 3, newEvents(1));
    expect(next).toMatchObject({ version: 4, position: 6 });
    expect(verifyChain(await reopened.readStream('a'))).toEqual({ ok: true });
  });

  it.each([
    ['FULL', 2],
    ['NORMAL', 1],
  ] as const)('reads PRAGMA synchronous back as %s after a reopen, in WAL mode', async (mode, code) => {
    await open(mode).close();
    const reopened = open(mode);
    const db = reopened.rawDatabase();
    expect(db.pragma('synchronous', { simple: true })).toBe(code);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('defaults to synchronous FULL', async () => {
    await open().close();
    expect(open().rawDatabase().pragma('synchronous', { simple: true })).toBe(2);
  });

  it('lets verifyChain detect a row whose data was edited with raw SQL', async () => {
    const store = open();
    await store.append('a', 0, newEvents(4));
    expect(verifyChain(await store.readStream('a'))).toEqual({ ok: true });
    store.rawDatabase().prepare(`UPDATE events SET data = '{"i":1000}' WHERE stream_id = 'a' AND version = 3`).run();
    expect(verifyChain(await store.readStream('a'))).toEqual({ ok: false, version: 3, reason: expect.any(String) });
  });

  it('builds the index from the events already stored when opened with an indexer for the first time', async () => {
    const plain = new SqliteEventStore({ path });
    await plain.append('agreement-a', 0, [newEvent('Enrolled', { keys: ['member:1'] })]);
    expect(await plain.lookup(['member:1'])).toEqual([]);
    await plain.close();
    const indexed = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    expect(await indexed.lookup(['member:1'])).toEqual([
      { key: 'member:1', streamId: 'agreement-a', version: 1, position: 1 },
    ]);
    await indexed.close();
  });

  it('rebuilds the index of events with several keys each as appends wrote it: every key at its own event', async () => {
    const live = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    // Per append: plain keys, plain keys and a unique one, keys whose JSON has escapes (written one by one).
    const keysOf = (i: number) => [
      { keys: [`member:${i}`, `member:${i + 1}`] },
      { keys: [`member:${i + 10}`, `member:${i + 11}`], uniqueKeys: [`death:${i}`] },
      { keys: [`member:"${i}"`, `member:\\${i}`] },
    ];
    for (let i = 0; i < 3; i++)
      await live.append(
        `agreement-${i}`,
        0,
        keysOf(i).map((data) => newEvent('Enrolled', data)),
      );
    const expected = [0, 1, 2].flatMap((i) =>
      keysOf(i).flatMap(({ keys, uniqueKeys = [] }, e) =>
        [...keys.map((key) => ({ key, unique_key: 0 })), ...uniqueKeys.map((key) => ({ key, unique_key: 1 }))]
          .map((row) => ({ ...row, position: 3 * i + e + 1 }))
          .sort((a, b) => (a.key < b.key ? -1 : 1)),
      ),
    );
    const rows = (store: SqliteEventStore) =>
      store.rawDatabase().prepare('SELECT key, unique_key, position FROM event_index ORDER BY position, key').all();
    expect(rows(live)).toEqual(expected);
    live.rawDatabase().exec("UPDATE store_meta SET value = 'another' WHERE key = 'indexer'");
    await live.close();
    const reopened = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    opened.push(reopened);
    expect(rows(reopened)).toEqual(expected);
  });

  it('rebuilds the index when the definition changes, and keeps it when it does not', async () => {
    const first = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    await first.append('agreement-a', 0, [newEvent('Enrolled', { keys: ['member:1'], uniqueKeys: ['death:1'] })]);
    await first.close();
    const onlyUnique = {
      id: 'unique-only',
      keysOf: (e: { data: unknown }) => CONTRACT_INDEXER.keysOf(e as never).filter((k) => k.unique),
    };
    const second = new SqliteEventStore({ path, indexer: onlyUnique });
    expect((await second.lookup(['member:1', 'death:1'])).map((h) => h.key)).toEqual(['death:1']);
    await second.close();
    const edited = new SqliteEventStore({ path, indexer: onlyUnique });
    edited.rawDatabase().exec("DELETE FROM event_index WHERE key = 'death:1'");
    await edited.close();
    // Same definition: the index is not rebuilt on open (verify, not open, checks it against the events).
    expect(await new SqliteEventStore({ path, indexer: onlyUnique }).lookup(['death:1'])).toEqual([]);
  });

  describe('opened read-only (the projection thread reads a file the service writes)', () => {
    it('reads what the writer appended, as it is appended, and refuses every append', async () => {
      const writer = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
      opened.push(writer);
      await writer.append('agreement-a', 0, [newEvent('Enrolled', { keys: ['member:1'] }), ...newEvents(1)]);
      const reader = new SqliteEventStore({ path, readOnly: true });
      opened.push(reader);
      expect((await reader.readAll({ after: 0, limit: 10 })).map((e) => e.position)).toEqual([1, 2]);
      await writer.append('agreement-a', 2, newEvents(1));
      expect(await reader.headPosition()).toBe(3);
      expect(await reader.readStream('agreement-a', { fromVersion: 3 })).toHaveLength(1);
      await expect(reader.append('agreement-b', 0, newEvents(1))).rejects.toThrow(/opened read-only/);
      expect(await writer.headPosition()).toBe(3);
      // Its index stays the writer's: a reader without the indexer does not rebuild it.
      const hit = { key: 'member:1', streamId: 'agreement-a', version: 1, position: 1 };
      expect([await reader.lookup(['member:1']), await writer.lookup(['member:1'])]).toEqual([[hit], [hit]]);
    });

    it('refuses a file that does not exist rather than creating an empty store', () => {
      expect(() => new SqliteEventStore({ path, readOnly: true })).toThrow();
    });

    it('refuses a file at another schema version than the code reads', async () => {
      const writer = open();
      writer.rawDatabase().pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      expect(() => new SqliteEventStore({ path, readOnly: true })).toThrow(/schema version/);
    });
  });

  it('keeps checkpoints across a reopen', async () => {
    const store = open();
    await store.saveCheckpoint('death-spread', 42);
    await store.close();
    expect(await open().readCheckpoint('death-spread')).toBe(42);
  });

  it('refuses a file whose schema is newer than the code', async () => {
    const store = open();
    store.rawDatabase().pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    await store.close();
    expect(() => new SqliteEventStore({ path })).toThrow(/newer/);
  });

  it('serialises two connections to the same file: conflicts detected, positions contiguous', async () => {
    const one = open();
    const two = open();
    await one.append('a', 0, newEvents(2));
    await expect(two.append('a', 0, newEvents(1))).rejects.toBeInstanceOf(WrongExpectedVersionError);
    for (let i = 0; i < 10; i++) {
      await (i % 2 ? one : two).append(`s-${i % 3}`, 'any', newEvents(1 + (i % 2)));
    }
    const all = await readEverything(one);
    expect(all.map((e) => e.position)).toEqual(range(17));
    expect(await readEverything(two)).toEqual(all);
  });

  // The condition's shortcut (nothing appended after the position read: no look-up) takes the head under the
  // write lock: another connection's append in between is seen, not this connection's own last append.
  it("refuses a condition broken by another connection's append after the position read", async () => {
    const one = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    const two = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    opened.push(one, two);
    await one.append('agreement-a', 0, [newEvent('Enrolled', { keys: ['member:1'] })]);
    const read = await one.headPosition();
    await two.append('agreement-b', 0, [newEvent('Paid', { uniqueKeys: ['death:1'] })]);
    const attempt = one.append('agreement-a', 1, [newEvent('Enrolled', { keys: ['member:2'] })], {
      condition: { keys: ['death:1'], after: read },
    });
    await expect(attempt).rejects.toMatchObject({ hit: { key: 'death:1', streamId: 'agreement-b' } });
    expect(await two.streamVersion('agreement-a')).toBe(1);
  });
});
