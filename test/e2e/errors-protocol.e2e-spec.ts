import { startApp, type RunningApp } from './support/app';
import { cohortBody, paymentBody, signBody } from './support/bodies';
import { expectProblem, expectRefused, snapshot } from './support/ledger';

/** A position no store reaches (EventStoreDB's are byte offsets, in the millions already), yet a valid query value. */
const UNREACHED = Number.MAX_SAFE_INTEGER;

/** Errors of the protocol around commands and queries: If-Match, Idempotency-Key, minPosition. */
const ID = 'sbd-protocol-01';

describe('protocol errors over HTTP', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
    await running.http
      .post('/agreements')
      .send(signBody({ agreementId: ID }))
      .expect(201);
    await running.http.post(`/agreements/${ID}/cohorts`).send(cohortBody(5)).expect(201);
  });
  afterAll(() => running?.close());

  it('412 VERSION_CONFLICT: If-Match "1" on an agreement at version 2', async () => {
    const res = await expectRefused(
      running.http,
      ID,
      () =>
        running.http.post(`/agreements/${ID}/premium-payments`).set('If-Match', '"1"').send(paymentBody('sp2d-0001')),
      412,
      'VERSION_CONFLICT',
    );
    expect(res.body.details).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
  });

  it('accepts If-Match with the current version', async () => {
    const res = await running.http
      .post(`/agreements/${ID}/premium-payments`)
      .set('If-Match', '"2"')
      .send(paymentBody('sp2d-0001'))
      .expect(201);
    expect(res.body).toMatchObject({ agreementId: ID, version: 3 });
  });

  it('400 VALIDATION_FAILED for an If-Match that is not a version', async () => {
    const res = await expectRefused(
      running.http,
      ID,
      () =>
        running.http
          .post(`/agreements/${ID}/premium-payments`)
          .set('If-Match', 'yesterday')
          .send(paymentBody('sp2d-0002')),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'headers.if-match' })]);
  });

  it('409 IDEMPOTENCY_KEY_REUSED: the same key with another body', async () => {
    const key = 'pay-0003-first-try';
    await running.http
      .post(`/agreements/${ID}/premium-payments`)
      .set('Idempotency-Key', key)
      .send(paymentBody('sp2d-0003'))
      .expect(201);
    await expectRefused(
      running.http,
      ID,
      () =>
        running.http
          .post(`/agreements/${ID}/premium-payments`)
          .set('Idempotency-Key', key)
          .send(paymentBody('sp2d-0003', { amount: 1 })),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('409 IDEMPOTENCY_KEY_REUSED: the same key on another command', async () => {
    const key = 'pay-0004-first-try';
    await running.http
      .post(`/agreements/${ID}/premium-payments`)
      .set('Idempotency-Key', key)
      .send(paymentBody('sp2d-0004'))
      .expect(201);
    await expectRefused(
      running.http,
      ID,
      () =>
        running.http
          .post(`/agreements/${ID}/termination`)
          .set('Idempotency-Key', key)
          .send({ effectiveDate: '2025-12-01', reason: 'x' }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('503 NOT_CAUGHT_UP with Retry-After when minPosition is not reached in time', async () => {
    for (const path of [`/agreements/${ID}`, `/agreements/${ID}/events`, `/agreements/${ID}/state?version=1`]) {
      const started = Date.now();
      const res = await running.http.get(path).query({ minPosition: UNREACHED });
      expectProblem(res, 503, 'NOT_CAUGHT_UP');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250); // waited (CONSISTENCY_TIMEOUT_MS 300) before giving up
    }
  });

  it('400 VALIDATION_FAILED for a minPosition that is not a whole number', async () => {
    const res = await running.http.get(`/agreements/${ID}`).query({ minPosition: 'soon' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain('minPosition');
  });

  it('400 VALIDATION_FAILED for a state query with both version and asOf, or neither', async () => {
    expectProblem(await running.http.get(`/agreements/${ID}/state`), 400, 'VALIDATION_FAILED');
    expectProblem(
      await running.http.get(`/agreements/${ID}/state`).query({ version: 1, asOf: '2025-10-28T00:00:00Z' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('appended nothing for any of the refused commands', async () => {
    // sign, cohort, payment 0001, 0003, 0004: five events, nothing else in the store after the last of them.
    const history = await running.http.get(`/agreements/${ID}/events`).expect(200);
    expect(await snapshot(running.http, ID)).toEqual({ events: 5, headPosition: history.body.items[4].position });
  });
});
