import { fromHex, verifyConsistency } from '@pks/event-store';
import * as tamper from '@pks/event-store/testing/ledger-tampering';
import { startApp, type RunningApp } from '../e2e/support/app';
import { cohortBody, paymentBody, signBody } from '../e2e/support/bodies';
import { eventually, expectRefused } from '../e2e/support/ledger';

/**
 * The service will not build on tampered history. At start it checks what was appended since its last signed tree
 * head; before every new head it checks again. Found tampered, it refuses every command with 503 LEDGER_TAMPERED
 * (nothing appended), keeps serving reads marked `Ledger-Integrity: tampered`, and says so in /health.
 */
const ID = 'sbd-tampered-ledger-01';
const payment = (n: number) => paymentBody(`sp2d-tampered-${n}`, { amount: 10_000 + n });

async function expectTampered(running: RunningApp, kind: string) {
  const refused = await expectRefused(
    running.http,
    ID,
    () => running.http.post(`/agreements/${ID}/premium-payments`).send(payment(99)),
    503,
    'LEDGER_TAMPERED',
  );
  expect(refused.body.details).toMatchObject({ integrity: 'tampered', kind });
  const read = await running.http.get(`/agreements/${ID}/events`).expect(200);
  expect(read.headers['ledger-integrity']).toMatch(new RegExp(`^tampered; kind=${kind}; position=\\d+$`));
  const health = (await running.http.get('/health').expect(200)).body;
  expect(health).toMatchObject({ status: 'degraded', ledger: { integrity: { status: 'tampered', kind } } });
  // Without a token: the status only, never where or how.
  const anonymous = await running.anonymous.get('/health').expect(200);
  expect([anonymous.body, anonymous.headers['ledger-integrity']]).toEqual([{ status: 'degraded' }, 'tampered']);
  const refusedAnonymous = await running.anonymous.get(`/agreements/${ID}/events`).expect(401);
  expect(refusedAnonymous.headers['ledger-integrity']).toBe('tampered');
}

describe('a ledger tampered with behind the service', () => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  async function ledgerOfFivePayments(env: Record<string, string> = {}) {
    const app = await startApp({ env });
    await app.http
      .post('/agreements')
      .send(signBody({ agreementId: ID }))
      .expect(201);
    await app.http.post(`/agreements/${ID}/cohorts`).send(cohortBody(5)).expect(201);
    for (let n = 1; n <= 5; n++) await app.http.post(`/agreements/${ID}/premium-payments`).send(payment(n)).expect(201);
    return app;
  }

  it('at start: the file lost acknowledged events after its last signed head (a lost WAL tail, an older copy)', async () => {
    const first = await ledgerOfFivePayments();
    await first.close({ keepFiles: true });
    tamper.truncateAfter(first.config.sqlitePath, 4);
    running = await startApp({ dir: first.dir });
    await expectTampered(running, 'log-truncated');
  });

  it('at start: an event appended since the last signed head was rewritten with the project own hash function', async () => {
    const first = await ledgerOfFivePayments({ TREE_HEAD_INTERVAL_MS: '3600000' });
    const kept = (await first.http.get('/ledger/tree-head').expect(200)).body;
    expect(kept.treeSize).toBe(0);
    // Killed before it could sign again: nothing signed covers the payments (the shutdown head is removed).
    await first.close({ keepFiles: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(first.config.treeHeadsPath, `${JSON.stringify({ ...kept, publicKey: undefined })}\n`);
    tamper.rewriteEventData(first.config.sqlitePath, 5, {
      paymentId: 'sp2d-tampered-3',
      amount: 1,
      paidOn: '2025-10-15',
      reference: 'SP2D forged',
    });
    running = await startApp({ dir: first.dir });
    await expectTampered(running, 'event-rewritten');
  });

  it("while running: a rewrite is found before the next head is signed, and an auditor's consistency check fails", async () => {
    running = await ledgerOfFivePayments({ TREE_HEAD_INTERVAL_MS: '100' });
    const app = running;
    const headAt = async (size: number) =>
      (
        await eventually(
          () => app.http.get('/ledger/tree-head'),
          (res) => res.body.treeSize === size,
        )
      ).body;
    const kept = await headAt(7);
    await app.http.post(`/agreements/${ID}/premium-payments`).send(payment(6)).expect(201);
    const later = await headAt(8);
    const forged = { paymentId: 'sp2d-tampered-2', amount: 1, paidOn: '2025-10-15', reference: 'SP2D forged' };
    tamper.rewriteHistory(app.config.sqlitePath, 4, forged);
    await eventually(
      () => app.http.get('/health'),
      (res) => res.body.ledger.integrity.status === 'tampered',
    );
    await expectTampered(app, 'signed-head-mismatch');
    expect((await app.http.get('/ledger/tree-head').expect(200)).body.treeSize).toBe(8);
    // The auditor kept the head of 7 events and holds the service to the head of 8 it published since.
    const proof = (await app.http.get('/ledger/proofs/consistency').query({ from: 7, to: 8 }).expect(200)).body;
    const path = proof.consistencyPath.map((h: string) => fromHex(h));
    expect(verifyConsistency(7, 8, fromHex(kept.rootHash), fromHex(later.rootHash), path)).toBe(false);
    expect(proof.toRootHash).not.toBe(later.rootHash);
  });
});
