import type Database from 'better-sqlite3';
import { ReadModelHost } from '@pks/projections';
import { startApp, type RunningApp } from './support/app';
import { batchBody, cohortBody, SBD, signBody } from './support/bodies';
import { eventually, expectProblem } from './support/ledger';

/** E2E_PROJECTION_THREAD=on (npm run test:thread) runs the suite with the runner in its own thread. */
const ON_THE_LOOP = process.env.E2E_PROJECTION_THREAD !== 'on';

const UNLIMITED_PAGES = 1_073_741_823;

/** Holds the read models back: no pass runs until the returned function is called. */
function holdReadModels(running: RunningApp): () => void {
  const runner = running.app.get(ReadModelHost).current().runner;
  runner.halt();
  const notify = jest.spyOn(runner, 'notify').mockImplementation(() => undefined);
  return () => {
    notify.mockRestore();
    runner.start(50);
  };
}

describe('liveness and readiness', () => {
  let running: RunningApp;
  const ready = () => running.http.get('/health/ready');

  beforeAll(async () => {
    // Any unapplied event counts as far behind, so that a held-back read side is not ready at once.
    running = await startApp({ env: { READINESS_MAX_LAG_SECONDS: '0' } });
    await running.http.post('/agreements').send(signBody()).expect(201);
    await running.http.post(`/agreements/${SBD.agreementId}/cohorts`).send(cohortBody(3)).expect(201);
  });
  afterAll(() => running?.close());

  it('is live while the process answers, and ready once the read models have applied the store head', async () => {
    expect((await running.http.get('/health/live').expect(200)).body).toMatchObject({ status: 'ok' });
    const res = await eventually(ready, (r) => r.status === 200);
    const head = (await running.http.get('/health').expect(200)).body.headPosition;
    expect(res.body).toMatchObject({
      status: 'ok',
      info: {
        eventStore: { status: 'up', store: running.config.eventStore, headPosition: head },
        readModels: { status: 'up', state: 'live', appliedPosition: head, lagEvents: 0 },
      },
    });
  });

  it('is not ready (503 NOT_CAUGHT_UP, Retry-After) while the read side is behind, and ready again once caught up', async () => {
    const release = holdReadModels(running);
    await running.http.post(`/agreements/${SBD.agreementId}/cohorts/berkah-nelayan/members`).send(batchBody(2, 20));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const res = await ready();
    expectProblem(res, 503, 'NOT_CAUGHT_UP');
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.details.error.readModels).toMatchObject({ status: 'down', state: 'live', lagEvents: 1 });
    expect(res.body.details.error.readModels.reason).toMatch(/behind/);
    await running.http.get('/health/live').expect(200);
    release();
    expect((await eventually(ready, (r) => r.status === 200)).status).toBe(200);
  });

  // The full disk is the service's own connection's (max_page_count): a runner in its thread writes through its own.
  (ON_THE_LOOP ? it : it.skip)(
    'is not ready while the read side is stalled (its disk full), and keeps GET /health answering degraded',
    async () => {
      const db: Database.Database = running.app.get(ReadModelHost).current().db;
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      try {
        await running.http
          .post(`/agreements/${SBD.agreementId}/cohorts/berkah-nelayan/members`)
          .send(batchBody(400, 100))
          .expect(201);
        const res = await eventually(ready, (r) => r.body?.details?.error?.readModels?.state === 'stalled');
        expectProblem(res, 503, 'NOT_CAUGHT_UP');
        expect(res.body.details.error.readModels).toMatchObject({ reason: 'stalled', lastError: expect.any(String) });
        const health = await running.http.get('/health').expect(200);
        expect(health.body).toMatchObject({ status: 'degraded', readModels: { state: 'stalled' } });
      } finally {
        db.pragma(`max_page_count = ${UNLIMITED_PAGES}`);
      }
      expect((await eventually(ready, (r) => r.status === 200, 5_000)).status).toBe(200);
    },
  );
});
