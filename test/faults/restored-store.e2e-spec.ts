import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../e2e/support/app';
import { cohortBody, deathBody, nik, otherAgreementBody, paymentBody, signBody } from '../e2e/support/bodies';
import { eventually } from '../e2e/support/ledger';

/**
 * The event store restored from an older backup under the read models that had applied more: the service finds
 * the store behind their checkpoint at start, rebuilds them by itself before answering from them (not skipping
 * new events, not keeping lost ones), says so in /health, and then answers exactly what a fresh rebuild answers.
 */
const SBD = 'sbd-restored-01';
const PALU = 'palu-restored-01';

async function readSide(running: RunningApp) {
  const get = async (path: string) => (await running.http.get(path).expect(200)).body;
  return {
    agreements: await get('/agreements'),
    summary: await get(`/agreements/${SBD}`),
    premiums: await get(`/agreements/${SBD}/premiums`),
    coverage: await get(`/agreements/${PALU}/coverage?from=2025-10-01&to=2025-12-31&interval=month`),
    benefits: await get('/benefits'),
    doubleFunding: await get('/reconciliation/double-funding'),
    member: await get(`/members/${nik(5)}`),
  };
}

/**
 * The operator's copy of the event store, its connection closed after: left open (until the GC finalises it), it
 * keeps a lock on the file that the restored store then waits for in vain when it switches the copy to WAL.
 */
function backUp(path: string, to: string): void {
  const db = new Database(path, { readonly: true });
  try {
    db.exec(`VACUUM INTO '${to}'`);
  } finally {
    db.close();
  }
}

async function caughtUp(running: RunningApp) {
  return eventually(
    () => running.http.get('/health'),
    (res) => res.body.readModels.state === 'live' && res.body.readModelPosition === res.body.headPosition,
    10_000,
  );
}

describe('an event store restored from an older backup', () => {
  const opened: RunningApp[] = [];
  afterAll(async () => {
    for (const running of opened) await running.close();
  });

  it('makes the service rebuild its read models by itself, answering as a fresh rebuild', async () => {
    const first = await startApp();
    const post = (path: string, body: object) => first.http.post(path).send(body).expect(201);
    await post('/agreements', signBody({ agreementId: SBD }));
    await post('/agreements', otherAgreementBody(PALU, '72.71', 10));
    await post(`/agreements/${SBD}/cohorts`, cohortBody(10));
    await post(`/agreements/${PALU}/cohorts`, cohortBody(10, { first: 5 }));
    await post(`/agreements/${SBD}/premium-payments`, paymentBody('sp2d-before-backup', { amount: 100_000 }));
    await caughtUp(first);
    // The operator's backup: the event store and, kept with it, the tree heads signed so far.
    const backup = mkdtempSync(join(tmpdir(), 'pks-backup-'));
    backUp(first.config.sqlitePath, join(backup, 'ledger.sqlite'));
    copyFileSync(first.config.treeHeadsPath, join(backup, 'heads.jsonl'));
    const backedUp = (await first.http.get('/health')).body.headPosition;

    await post(`/agreements/${SBD}/death-benefits`, deathBody(nik(5)));
    await post(`/agreements/${PALU}/premium-payments`, paymentBody('sp2d-after-backup', { amount: 50_000 }));
    const ahead = (await caughtUp(first)).body.readModelPosition;
    expect(ahead).toBeGreaterThan(backedUp);
    await first.close({ keepFiles: true });

    for (const suffix of ['-wal', '-shm']) rmSync(`${first.config.sqlitePath}${suffix}`, { force: true });
    copyFileSync(join(backup, 'ledger.sqlite'), first.config.sqlitePath);
    copyFileSync(join(backup, 'heads.jsonl'), first.config.treeHeadsPath);
    const restored = await startApp({ dir: first.dir });
    opened.push(restored);
    const health = (await caughtUp(restored)).body;
    expect(health).toMatchObject({
      status: 'ok',
      headPosition: backedUp,
      readModelPosition: backedUp,
      ledger: { integrity: { status: 'intact' } },
      readModels: { generation: 1, lastSetAside: { generation: 0, cause: 'store-changed', setAsideAs: null } },
    });
    expect(health.readModels.lastSetAside.reason).toMatch(`no event at position ${ahead}`);

    // A fresh rebuild: the same restored store, no read models at all.
    const freshDir = mkdtempSync(join(tmpdir(), 'pks-fresh-'));
    copyFileSync(join(backup, 'ledger.sqlite'), join(freshDir, 'ledger.sqlite'));
    const fresh = await startApp({ dir: freshDir });
    opened.push(fresh);
    await caughtUp(fresh);
    const answers = await readSide(restored);
    expect(answers.benefits.items).toEqual([]);
    expect(answers).toEqual(await readSide(fresh));

    // And the restored ledger goes on: a new command is applied, not skipped.
    await restored.http
      .post(`/agreements/${SBD}/premium-payments`)
      .send(paymentBody('sp2d-after-restore', { amount: 25_000 }))
      .expect(201);
    await caughtUp(restored);
    const payments = (await restored.http.get(`/agreements/${SBD}/premiums`).expect(200)).body.payments;
    expect(payments.map((p: { paymentId: string }) => p.paymentId)).toEqual([
      'sp2d-before-backup',
      'sp2d-after-restore',
    ]);
    rmSync(backup, { recursive: true, force: true });
  });

  it('restored without the tree heads signed since: the ledger says what it lost, the read models follow it', async () => {
    const first = await startApp();
    await first.http
      .post('/agreements')
      .send(signBody({ agreementId: SBD }))
      .expect(201);
    await first.http.post(`/agreements/${SBD}/cohorts`).send(cohortBody(10)).expect(201);
    await caughtUp(first);
    const backup = mkdtempSync(join(tmpdir(), 'pks-backup-'));
    backUp(first.config.sqlitePath, join(backup, 'ledger.sqlite'));
    await first.http
      .post(`/agreements/${SBD}/premium-payments`)
      .send(paymentBody('sp2d-lost', { amount: 1_000 }))
      .expect(201);
    await caughtUp(first);
    await first.close({ keepFiles: true });
    for (const suffix of ['-wal', '-shm']) rmSync(`${first.config.sqlitePath}${suffix}`, { force: true });
    copyFileSync(join(backup, 'ledger.sqlite'), first.config.sqlitePath);

    const restored = await startApp({ dir: first.dir });
    opened.push(restored);
    const health = (await caughtUp(restored)).body;
    expect(health).toMatchObject({
      status: 'degraded',
      headPosition: 2,
      readModelPosition: 2,
      ledger: { integrity: { status: 'tampered', kind: 'log-truncated', position: 3 } },
      readModels: { lastSetAside: { cause: 'store-changed' } },
    });
    expect((await restored.http.get(`/agreements/${SBD}/premiums`).expect(200)).body.payments).toEqual([]);
    rmSync(backup, { recursive: true, force: true });
  });
});
