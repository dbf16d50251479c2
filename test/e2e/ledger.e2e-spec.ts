import { fromHex, hashLeaf, isSignedBy, verifyConsistency, verifyInclusion } from '@pks/event-store';
import { startApp, type RunningApp } from './support/app';
import { cohortBody, otherAgreementBody, paymentBody, signBody } from './support/bodies';
import { eventually, expectProblem } from './support/ledger';

/**
 * The transparency log over HTTP, checked as an auditor would, with nothing but the hashes: the signed tree head,
 * an inclusion proof for every event, a consistency proof from a head kept earlier to a later one.
 */
const ID = 'sbd-ledger-01';
/** EventStoreDB keeps no transparency log (the port's log is the SQLite and in-memory stores'). */
const withoutLog = process.env.E2E_EVENT_STORE === 'eventstoredb';

(withoutLog ? describe.skip : describe)('GET /ledger', () => {
  let running: RunningApp;
  const get = (path: string, query: Record<string, unknown> = {}) => running.http.get(path).query(query);

  async function headOf(size: number) {
    return (
      await eventually(
        () => get('/ledger/tree-head'),
        (res) => res.body.treeSize === size,
      )
    ).body;
  }

  beforeAll(async () => {
    running = await startApp({ env: { TREE_HEAD_INTERVAL_MS: '100' } });
    await running.http
      .post('/agreements')
      .send(signBody({ agreementId: ID }))
      .expect(201);
    await running.http.post(`/agreements/${ID}/cohorts`).send(cohortBody(20)).expect(201);
    await running.http
      .post('/agreements')
      .send(otherAgreementBody('palu-ledger-01', '72.71', 5))
      .expect(201);
  });
  afterAll(() => running?.close());

  it('answers the latest signed head, signed by the public key it names, and marks every answer intact', async () => {
    const head = await headOf(3);
    expect(head).toMatchObject({
      treeSize: 3,
      algorithm: 'Ed25519',
      rootHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(isSignedBy(head, head.publicKey)).toBe(true);
    expect((await get('/ledger/tree-head')).headers['ledger-integrity']).toBe('intact');
  });

  it('proves every event included in the signed head, its leaf naming the event the history shows', async () => {
    const head = await headOf(3);
    const history = (await get(`/agreements/${ID}/events`).expect(200)).body.items;
    for (let position = 1; position <= head.treeSize; position++) {
      const proof = (await get('/ledger/proofs/inclusion', { position }).expect(200)).body;
      expect(proof).toMatchObject({ position, leafIndex: position - 1, treeSize: 3, rootHash: head.rootHash });
      const path = proof.auditPath.map((h: string) => fromHex(h));
      expect(verifyInclusion(position - 1, 3, hashLeaf(proof.leaf), path, fromHex(head.rootHash))).toBe(true);
    }
    const first = (await get('/ledger/proofs/inclusion', { position: 1 })).body.leaf;
    expect(first).toEqual({
      position: 1,
      streamId: `agreement-${ID}`,
      version: 1,
      eventHash: history[0].metadata.hash,
    });
  });

  it('proves a head kept earlier a prefix of a later one', async () => {
    const kept = await headOf(3);
    await running.http.post(`/agreements/${ID}/premium-payments`).send(paymentBody('sp2d-ledger-1')).expect(201);
    const later = await headOf(4);
    const proof = (await get('/ledger/proofs/consistency', { from: kept.treeSize, to: later.treeSize }).expect(200))
      .body;
    const path = proof.consistencyPath.map((h: string) => fromHex(h));
    expect(verifyConsistency(3, 4, fromHex(kept.rootHash), fromHex(later.rootHash), path)).toBe(true);
    expect(verifyConsistency(3, 4, fromHex(later.rootHash), fromHex(later.rootHash), path)).toBe(false);
  });

  it.each([
    ['/ledger/proofs/inclusion', {}, 'position'],
    ['/ledger/proofs/inclusion', { position: '0' }, 'position'],
    ['/ledger/proofs/inclusion', { position: '0x2' }, 'position'],
    ['/ledger/proofs/inclusion', { position: '1e1' }, 'position'],
    ['/ledger/proofs/inclusion', { position: '2', treeSize: '1' }, 'position'],
    ['/ledger/proofs/inclusion', { position: '1', treeSize: '999' }, 'treeSize'],
    ['/ledger/proofs/consistency', { from: '+1', to: '2' }, 'from'],
    ['/ledger/proofs/consistency', { from: '3', to: '2' }, 'from'],
    ['/ledger/proofs/consistency', { from: '1', to: '999' }, 'to'],
  ])('refuses %s with %j: 400 VALIDATION_FAILED naming %s', async (path, query, field) => {
    const res = await get(path, query);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body.details)).toContain(field);
  });
});

(withoutLog ? describe : describe.skip)('GET /ledger on a store that keeps no transparency log', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running?.close());

  it('answers 503 LEDGER_LOG_UNAVAILABLE, and says unverifiable in /health and on every answer', async () => {
    for (const path of [
      '/ledger/tree-head',
      '/ledger/proofs/inclusion?position=1',
      '/ledger/proofs/consistency?from=1',
    ]) {
      expectProblem(await running.http.get(path), 503, 'LEDGER_LOG_UNAVAILABLE');
    }
    const health = await running.http.get('/health').expect(200);
    expect(health.body.ledger).toEqual({
      integrity: { status: 'unverifiable', reason: expect.any(String) },
      lastSignedHead: null,
    });
    expect(health.headers['ledger-integrity']).toBe('unverifiable');
  });
});
