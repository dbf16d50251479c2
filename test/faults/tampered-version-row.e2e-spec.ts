import Database from 'better-sqlite3';
import { startApp, type RunningApp } from '../e2e/support/app';
import { cohortBody, deathBody, nik, otherAgreementBody, paymentBody, signBody } from '../e2e/support/bodies';
import { expectRefused } from '../e2e/support/ledger';

/**
 * A stream whose stored version row (the `streams` table, edited behind the service's back) disagrees with its
 * events is a store inconsistency: every command on it is answered at once with 503 LEDGER_TAMPERED naming the
 * stream (not 409 CONCURRENT_MODIFICATION forever), and nothing is appended.
 */

const ID = 'sbd-tampered-01';
const OTHER = 'palu-tampered-01';
const WORKER = nik(4);

function editVersionRow(running: RunningApp, streamId: string, sql: string): void {
  const db = new Database(running.config.sqlitePath);
  try {
    expect(db.prepare(sql).run(streamId).changes).toBe(1);
  } finally {
    db.close();
  }
}

describe('a stream whose version row disagrees with its events', () => {
  let running: RunningApp;
  const post = (path: string, body: object) => running.http.post(path).send(body);

  beforeAll(async () => {
    running = await startApp();
    await post('/agreements', signBody({ agreementId: ID })).expect(201);
    await post(`/agreements/${ID}/cohorts`, cohortBody(10)).expect(201);
    await post('/agreements', otherAgreementBody(OTHER, '72.71', 10)).expect(201);
    await post(`/agreements/${OTHER}/cohorts`, cohortBody(10, { cohortId: 'nelayan' })).expect(201);
  });
  afterAll(() => running?.close());

  it('refuses a command on the agreement with 503 LEDGER_TAMPERED naming the stream, every time', async () => {
    editVersionRow(running, `agreement-${ID}`, 'UPDATE streams SET version = version - 1 WHERE stream_id = ?');
    for (const paymentId of ['sp2d-tampered-1', 'sp2d-tampered-2']) {
      const res = await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/premium-payments`, paymentBody(paymentId)),
        503,
        'LEDGER_TAMPERED',
      );
      expect(res.body.details).toEqual({
        streamId: `agreement-${ID}`,
        versionRow: 1,
        lastEventVersion: 2,
        lastHashAgrees: true,
      });
      expect(res.headers['retry-after']).toBeUndefined();
    }
  });

  it('answers a death benefit on such an agreement at once with 503 LEDGER_TAMPERED, the row ahead of its events', async () => {
    editVersionRow(running, `agreement-${OTHER}`, 'UPDATE streams SET version = version + 3 WHERE stream_id = ?');
    const started = Date.now();
    const res = await expectRefused(
      running.http,
      OTHER,
      () => post(`/agreements/${OTHER}/death-benefits`, deathBody(WORKER)),
      503,
      'LEDGER_TAMPERED',
    );
    expect(res.body.details).toMatchObject({ streamId: `agreement-${OTHER}`, versionRow: 5, lastEventVersion: 2 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
