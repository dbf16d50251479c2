import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_INDEXER, newEvent, newEvents } from '../event-store.test-fixtures';
import { signTreeHead, type SignedTreeHead } from '../ledger/tree-head';
import { SqliteAuditSource } from '../sqlite.audit-source';
import { SqliteEventStore } from '../sqlite.event-store';
import * as tamper from '../testing/ledger-tampering';
import { verifyLedger, type LedgerVerification } from './ledger-verifier';
import type { HeadToCheck } from './head-check';

/**
 * verifyLedger on a real SQLite file tampered with behind the store's back: each kind of tampering is found and
 * named with the first position and stream it touches.
 *
 * The ledger (positions): 1-3 a@1-3, 4-5 b@1-2 (keyed), 6 c@1 (death key), 7-8 a@4-5, 9 b@3, 10-12 c@2-4.
 */
describe('verifying a ledger file', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  let dir: string;
  let path: string;
  let heads: { head: SignedTreeHead; from: string; signatureValid: boolean }[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pks-verify-ledger-'));
    path = join(dir, 'ledger.sqlite');
    const store = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    await store.append('a', 0, newEvents(3));
    await store.append('b', 0, newEvents(2), { idempotency: { key: 'sp2d-1', requestHash: 'sha256:pay' } });
    await store.append('c', 0, [newEvent('ThingHappened', { uniqueKeys: ['death:7201'], keys: ['member:7201'] })]);
    const log = store.transparencyLog();
    const at6 = { treeSize: 6, rootHash: await log.rootHash(6), timestamp: '2025-11-01T00:00:00.000Z' };
    await store.append('a', 3, newEvents(2));
    await store.append('b', 2, newEvents(1));
    await store.append('c', 1, newEvents(3));
    const at12 = { treeSize: 12, rootHash: await log.rootHash(12), timestamp: '2025-11-02T00:00:00.000Z' };
    heads = [at6, at12].map((head) => ({ head: signTreeHead(head, privateKey), from: 'test', signatureValid: true }));
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function verify(
    options: { heads?: HeadToCheck[]; after?: { treeSize: number; rootHash: string } } = {},
  ): Promise<LedgerVerification> {
    const source = new SqliteAuditSource(path);
    try {
      return await verifyLedger(source, {
        indexer: CONTRACT_INDEXER,
        heads: options.heads ?? heads,
        after: options.after,
      });
    } finally {
      source.close();
    }
  }

  function expectFirst(report: LedgerVerification, kind: string, position: number | null, streamId: string | null) {
    expect(report.result).toBe('tampered');
    expect(report.firstAffected).toEqual({ kind, position, streamId });
  }

  it('finds an untampered ledger intact, against every signed head', async () => {
    const report = await verify();
    expect(report).toMatchObject({ result: 'intact', events: 12, streams: 3, signedHeadsChecked: 2, findings: [] });
    expect(report.rootHash).toBe(heads[1].head.rootHash);
  });

  it('finds intact an event whose indexer gave a key twice, once as a plain and once as a unique key', async () => {
    const store = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    await store.append('d', 0, [
      newEvent('ThingHappened', { keys: ['member:7202', 'member:7202', 'claim:7202'], uniqueKeys: ['claim:7202'] }),
    ]);
    await store.close();
    const report = await verify({ heads: [] });
    expect(report).toMatchObject({ result: 'intact', events: 13, findings: [] });
  });

  it.each([
    ['an edited event', () => tamper.editEventData(path, 2, { i: 999 }), 'event-edited', 2, 'a'],
    [
      'an edited event whose hash was recomputed',
      () => tamper.rewriteEventData(path, 8, { i: -1 }),
      'event-rewritten',
      8,
      'a',
    ],
    ['an event deleted in the middle of its stream', () => tamper.deleteEvent(path, 4), 'event-missing', 4, 'b'],
    [
      'the last event of a stream deleted with its version row set back',
      () => tamper.deleteLastEventOf(path, 'b'),
      'event-missing',
      9,
      'b',
    ],
    ['a deleted stream', () => tamper.deleteStream(path, 'c'), 'event-missing', 6, 'c'],
    ['two events of a stream swapped', () => tamper.swapPositions(path, 7, 8), 'events-reordered', 7, 'a'],
    ['events of two streams swapped', () => tamper.swapPositions(path, 5, 6), 'events-reordered', 5, 'c'],
    ['an edited version row', () => tamper.editVersionRow(path, 'a', 4), 'version-row-mismatch', 8, 'a'],
    [
      'an edited idempotency record',
      () => tamper.editIdempotencyRecord(path, 'sp2d-1', 'sha256:other'),
      'idempotency-record-mismatch',
      5,
      'b',
    ],
    [
      'a deleted idempotency record',
      () => tamper.deleteIdempotencyRecord(path, 'sp2d-1'),
      'idempotency-record-mismatch',
      5,
      'b',
    ],
    ['a deleted death key of the index', () => tamper.deleteIndexRow(path, 'death:7201'), 'index-row-mismatch', 6, 'c'],
  ])('names %s', async (_, edit, kind, position, streamId) => {
    edit();
    expectFirst(await verify(), kind, position, streamId);
  });

  it('names a lost tail that took the log with it, from the signed head that covered it', async () => {
    tamper.truncateAfter(path, 9);
    const report = await verify();
    expectFirst(report, 'log-truncated', 10, null);
    expect(report.findings[0].detail).toMatch(/covers 12 events; the store holds 9/);
    expect((await verify({ heads: [] })).result).toBe('intact');
  });

  it('names a consistent rewrite of history (events, chain and log rebuilt) only through the heads signed before', async () => {
    tamper.rewriteHistory(path, 3, { i: -3 });
    expect((await verify({ heads: [] })).result).toBe('intact');
    const report = await verify();
    expectFirst(report, 'signed-head-mismatch', 1, null);
    expect(report.findings.map((f) => f.kind)).toEqual(['signed-head-mismatch', 'signed-head-mismatch']);
  });

  it('reports an index built by another definition once, without comparing its rows', async () => {
    await new SqliteEventStore({ path }).close();
    const report = await verify();
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'index-row-mismatch',
        position: null,
        detail: expect.stringMatching(/built by definition none, not contract-v1/),
      }),
    ]);
  });

  it("names the log's own stored hashes when they are edited or outlive their leaves", async () => {
    const store = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    await store.append('d', 0, newEvents(40));
    store
      .rawDatabase()
      .prepare('UPDATE ledger_nodes SET hash = ? WHERE level = 4 AND idx = 1')
      .run(Buffer.alloc(32, 7));
    await store.close();
    expectFirst(await verify({ heads: [] }), 'log-node-mismatch', 17, null);
    const db = new SqliteEventStore({ path, indexer: CONTRACT_INDEXER });
    db.rawDatabase().exec(
      "DELETE FROM events WHERE position > 36; DELETE FROM ledger_leaves WHERE position > 36; UPDATE streams SET version = 24, last_hash = (SELECT hash FROM events WHERE position = 36) WHERE stream_id = 'd'",
    );
    db.rawDatabase()
      .prepare(
        'UPDATE ledger_nodes SET hash = (SELECT hash FROM ledger_nodes WHERE level = 4 AND idx = 0) WHERE level = 4 AND idx = 1',
      )
      .run();
    await db.close();
    const report = await verify({ heads: [] });
    expect(report.findings.map((f) => f.kind)).toEqual(['log-node-mismatch', 'log-truncated']);
  });

  it('names a head whose signature does not verify', async () => {
    const forged = { ...heads[0], signatureValid: false };
    expectFirst(await verify({ heads: [forged] }), 'signed-head-invalid', null, null);
  });

  it('checks from a signed head on: what was appended after it, and the log before it against its root', async () => {
    const after = heads[0].head;
    expect(await verify({ after, heads: [] })).toMatchObject({ result: 'intact', checkedAfter: 6, events: 6 });
    tamper.rewriteEventData(path, 10, { i: 10 });
    expectFirst(await verify({ after, heads: [] }), 'event-rewritten', 10, 'c');
  });

  it('from a signed head, names a log rebuilt over a rewritten past and a store shorter than the head', async () => {
    tamper.rewriteHistory(path, 2, { i: -2 });
    expectFirst(await verify({ after: heads[1].head, heads: [] }), 'signed-head-mismatch', 1, null);
    tamper.truncateAfter(path, 4);
    expectFirst(await verify({ after: heads[1].head, heads: [] }), 'log-truncated', 5, null);
  });
});
