import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreInconsistencyError } from './event-store.errors';
import { newEvent, newEvents, readEverything } from './event-store.test-fixtures';
import { hashLeaf, logLeafOf } from './ledger/log-leaf';
import { MerkleFrontier } from './ledger/merkle-frontier';
import { SqliteEventStore } from './sqlite.event-store';

/** The log kept in the SQLite file: built for old files, shared by processes, never built on a file edited behind it. */
describe('the transparency log of a SQLite event store', () => {
  let dir: string;
  let path: string;
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = new SqliteEventStore({ path });
    opened.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pks-ledger-tree-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function expectedRoot(
    store: SqliteEventStore,
    keyed = new Map<number, { key: string; requestHash: string }>(),
  ) {
    const frontier = MerkleFrontier.empty();
    for (const e of await readEverything(store)) frontier.append(hashLeaf(logLeafOf(e, keyed.get(e.position))));
    return frontier.root().toString('hex');
  }

  it('builds the log of a file written before the log existed, idempotency records included', async () => {
    const store = open();
    const claim = { key: 'sp2d-0031', requestHash: 'sha256:payment' };
    for (let i = 0; i < 40; i++) await store.append(`agreement-${i % 3}`, 'any', newEvents(1 + (i % 5)));
    const keyed = await store.append('agreement-0', 'any', newEvents(2), { idempotency: claim });
    const root = await store.transparencyLog().rootHash(await store.headPosition());
    store.rawDatabase().exec(`DROP TABLE ledger_leaves; DROP TABLE ledger_nodes; DROP INDEX idempotency_keys_position;
      PRAGMA user_version = 2;`);
    await store.close();
    const reopened = open();
    const log = reopened.transparencyLog();
    expect(await log.size()).toBe(keyed.position);
    expect(await log.rootHash(keyed.position)).toBe(root);
    expect(root).toBe(await expectedRoot(reopened, new Map([[keyed.position, claim]])));
  });

  it('goes on from the file when another process appended in between', async () => {
    const first = open();
    const second = open();
    for (let i = 0; i < 25; i++) await (i % 2 ? first : second).append(`s-${i % 4}`, 'any', newEvents(1 + (i % 3)));
    const head = await first.headPosition();
    expect(await first.transparencyLog().rootHash(head)).toBe(await expectedRoot(first));
    expect(await second.transparencyLog().rootHash(head)).toBe(await expectedRoot(first));
  });

  it('refuses to append to a file whose last events were deleted behind its back, writing nothing', async () => {
    const store = open();
    await store.append('a', 0, newEvents(5));
    await store.append('b', 0, newEvents(2));
    store.rawDatabase().exec(`DELETE FROM events WHERE stream_id = 'b'; DELETE FROM streams WHERE stream_id = 'b'`);
    const refused = store.append('c', 0, newEvents(1));
    await expect(refused).rejects.toBeInstanceOf(StoreInconsistencyError);
    await expect(refused).rejects.toMatchObject({ details: { damage: 'log', logSize: 7, headPosition: 5 } });
    expect(await store.headPosition()).toBe(5);
  });

  it('goes on building a sound log after a group commit failed whole', async () => {
    const store = open();
    await store.append('before', 0, newEvents(3));
    const db = store.rawDatabase();
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 2}`);
    const outcomes = await Promise.allSettled([
      store.append('a', 0, newEvents(1)),
      store.append('b', 0, [newEvent('ThingHappened', { blob: 'x'.repeat(100_000) })]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    db.pragma('max_page_count = 1073741823');
    for (let i = 0; i < 20; i++) await store.append('after', 'any', newEvents(1));
    expect(await store.transparencyLog().rootHash(23)).toBe(await expectedRoot(store));
  });

  it('keeps the log across a reopen', async () => {
    const store = open();
    for (let i = 0; i < 17; i++) await store.append('a', 'any', newEvents(1));
    await store.close();
    const reopened = open();
    for (let i = 0; i < 17; i++) await reopened.append('a', 'any', newEvents(2));
    expect(await reopened.transparencyLog().rootHash(51)).toBe(await expectedRoot(reopened));
  });
});
