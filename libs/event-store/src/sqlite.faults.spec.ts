import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreInconsistencyError, StoreUnavailableError, WrongExpectedVersionError } from './event-store.errors';
import { expectUnchanged, newEvent, newEvents } from './event-store.test-fixtures';
import { SqliteEventStore } from './sqlite.event-store';
import { pointTableAtWrongPage } from './testing/sqlite-damage';

/**
 * Storage faults of the SQLite store reach the application as the port's errors: a full, busy or failing disk as
 * StoreUnavailableError (retry later; nothing was written), a damaged file or records that contradict each
 * other as StoreInconsistencyError (an operator must look), never as a raw driver error.
 */

const UNLIMITED_PAGES = 1_073_741_823;

/** Lets the file grow by `pages` pages at most: the next larger write meets a full disk. */
function fillDisk(store: SqliteEventStore, pages = 0): void {
  const db = store.rawDatabase();
  db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + pages}`);
}

describe('SqliteEventStore under storage faults', () => {
  let dir: string;
  let path: string;
  const opened: SqliteEventStore[] = [];
  const open = (): SqliteEventStore => {
    const store = new SqliteEventStore({ path });
    opened.push(store);
    return store;
  };
  const big = () => newEvent('CohortEnrolled', { members: 'x'.repeat(50_000) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pks-store-faults-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('a full disk', () => {
    it('refuses the append as StoreUnavailableError, writes nothing, and accepts it once space returns', async () => {
      const store = open();
      await store.append('agreement-a', 0, newEvents(2));
      fillDisk(store);
      const idempotency = { key: 'enrol-1', requestHash: 'h' };
      const refused = store.append('agreement-a', 2, [big()], { idempotency });
      await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(refused).rejects.toThrow(/database or disk is full \(SQLITE_FULL\)/);
      await expectUnchanged(store, 2, 'agreement-a', 2);
      expect(await store.findIdempotencyRecord('enrol-1')).toBeNull();

      store.rawDatabase().pragma(`max_page_count = ${UNLIMITED_PAGES}`);
      expect(await store.append('agreement-a', 2, [big()], { idempotency })).toMatchObject({ version: 3, position: 3 });
    });

    it('fails every append of the group commit it hit with StoreUnavailableError', async () => {
      const store = open();
      await store.append('before', 0, newEvents(1));
      fillDisk(store, 2);
      const outcomes = await Promise.allSettled([
        store.append('a', 0, newEvents(1)),
        store.append('b', 0, [big()]),
        store.append('c', 0, newEvents(1)),
      ]);
      expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).name : o.status))).toEqual([
        'StoreUnavailableError',
        'StoreUnavailableError',
        'StoreUnavailableError',
      ]);
      expect(await store.headPosition()).toBe(1);
    });
  });

  it('reports a write lock held past busy_timeout by another process as StoreUnavailableError', async () => {
    const store = open();
    await store.append('a', 0, newEvents(1));
    store.rawDatabase().pragma('busy_timeout = 50');
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      await expect(store.append('a', 1, newEvents(1))).rejects.toBeInstanceOf(StoreUnavailableError);
      other.exec('ROLLBACK');
      expect(await store.append('a', 1, newEvents(1))).toMatchObject({ version: 2 });
    } finally {
      other.close();
    }
  });

  describe('a damaged file', () => {
    it('refuses to open a file that is not a database, as StoreInconsistencyError', () => {
      writeFileSync(path, Buffer.alloc(16_384, 0x5a));
      expect(() => open()).toThrow(StoreInconsistencyError);
      expect(() => open()).toThrow(/event store file is damaged: file is not a database \(SQLITE_NOTADB\)/);
    });

    it('reports a damaged events table found while reading, as StoreInconsistencyError', async () => {
      const store = open();
      await store.append('a', 0, newEvents(300));
      pointTableAtWrongPage(path, 'events');
      await expect(store.readAll({ after: 0, limit: 1_000 })).rejects.toBeInstanceOf(StoreInconsistencyError);
      await expect(store.append('a', 300, newEvents(1))).rejects.toMatchObject({
        name: 'StoreInconsistencyError',
        details: { damage: 'file' },
      });
    });
  });

  describe('a stream whose version row disagrees with its events (edited with raw SQL)', () => {
    it.each([
      ['behind its events', 'UPDATE streams SET version = version - 1 WHERE stream_id = ?', 3, 4],
      ['ahead of its events', 'UPDATE streams SET version = version + 1 WHERE stream_id = ?', 5, 4],
      ['missing', 'DELETE FROM streams WHERE stream_id = ?', 0, 4],
    ])('refuses every append to it when the row is %s, naming the stream', async (_, sql, versionRow, lastEvent) => {
      const store = open();
      await store.append('person-5318014107900001', 0, newEvents(4));
      await store.append('agreement-b', 0, newEvents(1));
      store.rawDatabase().prepare(sql).run('person-5318014107900001');
      for (const expected of [versionRow, lastEvent, 'any'] as const) {
        const refused = store.append('person-5318014107900001', expected, newEvents(1));
        await expect(refused).rejects.toBeInstanceOf(StoreInconsistencyError);
        await expect(refused).rejects.toMatchObject({
          details: { streamId: 'person-5318014107900001', versionRow, lastEventVersion: lastEvent },
        });
      }
      expect(await store.headPosition()).toBe(5);
      // Other streams are not affected, and a plain lost race is still a lost race.
      await expect(store.append('agreement-b', 0, newEvents(1))).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.append('agreement-b', 1, newEvents(1))).toMatchObject({ version: 2, position: 6 });
    });

    it('refuses an append when the row has the right version but another last hash', async () => {
      const store = open();
      await store.append('agreement-a', 0, newEvents(2));
      store.rawDatabase().prepare(`UPDATE streams SET last_hash = 'ff' WHERE stream_id = 'agreement-a'`).run();
      await expect(store.append('agreement-a', 2, newEvents(1))).rejects.toMatchObject({
        name: 'StoreInconsistencyError',
        details: { streamId: 'agreement-a', versionRow: 2, lastEventVersion: 2, lastHashAgrees: false },
      });
    });

    it('still replays an Idempotency-Key recorded before the damage (the key is checked first)', async () => {
      const store = open();
      await store.append('agreement-a', 0, newEvents(1), { idempotency: { key: 'k', requestHash: 'h' } });
      store.rawDatabase().prepare(`UPDATE streams SET version = 7 WHERE stream_id = 'agreement-a'`).run();
      await expect(
        store.append('agreement-a', 1, newEvents(1), { idempotency: { key: 'k', requestHash: 'h' } }),
      ).rejects.toMatchObject({ name: 'IdempotencyKeyTakenError' });
    });
  });
});
