import type Database from 'better-sqlite3';
import { EVENT_STORE } from '@pks/event-store';
import type { SqliteEventStore } from '@pks/event-store/adapters';
import { ReadModelHost } from '@pks/projections';
import { startApp, type RunningApp } from '../e2e/support/app';
import { batchBody, cohortBody, signBody } from '../e2e/support/bodies';
import { expectProblem, sleep, snapshot } from '../e2e/support/ledger';

/** E2E_PROJECTION_THREAD=on (npm run test:thread) runs the suite with the runner in its own thread. */
const ON_THE_LOOP = process.env.E2E_PROJECTION_THREAD !== 'on';

/**
 * A full disk (simulated per connection with PRAGMA max_page_count: the file may not grow) under the event store
 * or under the read models. Commands are refused with 503 STORE_UNAVAILABLE and Retry-After, nothing is
 * half-written, /health reports a stalled read side, and everything recovers by itself once space returns.
 */

const ID = 'sbd-disk-full-01';
const UNLIMITED_PAGES = 1_073_741_823;

function fill(db: Database.Database): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(25);
  }
}

describe('a full disk', () => {
  let running: RunningApp;
  let eventStoreDb: Database.Database;
  let readModelDb: () => Database.Database;
  const post = (path: string, body: object, key?: string) => {
    const req = running.http.post(path);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };

  beforeAll(async () => {
    running = await startApp();
    eventStoreDb = running.app.get<SqliteEventStore>(EVENT_STORE).rawDatabase();
    readModelDb = () => running.app.get(ReadModelHost).current().db;
    await post('/agreements', signBody({ agreementId: ID })).expect(201);
    await post(`/agreements/${ID}/cohorts`, cohortBody(20)).expect(201);
  });
  afterAll(() => running?.close());

  describe('under the event store', () => {
    afterEach(() => eventStoreDb.pragma(`max_page_count = ${UNLIMITED_PAGES}`));

    it('refuses a command with 503 STORE_UNAVAILABLE and Retry-After, writing nothing', async () => {
      const before = await snapshot(running.http, ID);
      fill(eventStoreDb);
      const res = await post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, batchBody(400, 100), 'full-1');
      expectProblem(res, 503, 'STORE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('1');
      expect(await snapshot(running.http, ID)).toEqual(before);
    });

    it('accepts the same request (same Idempotency-Key) once space returns, and only once', async () => {
      const before = await snapshot(running.http, ID);
      fill(eventStoreDb);
      const body = batchBody(400, 600);
      expectProblem(
        await post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, body, 'full-2'),
        503,
        'STORE_UNAVAILABLE',
      );
      eventStoreDb.pragma(`max_page_count = ${UNLIMITED_PAGES}`);
      const first = await post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, body, 'full-2').expect(201);
      expect(first.body).toMatchObject({ version: before.events + 1, position: before.headPosition + 1 });
      const retry = await post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, body, 'full-2').expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await snapshot(running.http, ID)).toEqual({
        events: before.events + 1,
        headPosition: before.headPosition + 1,
      });
    });
  });

  // The full disk is the service's own connection's (max_page_count): a runner in its thread writes through its own.
  (ON_THE_LOOP ? describe : describe.skip)('under the read models', () => {
    afterEach(() => readModelDb().pragma(`max_page_count = ${UNLIMITED_PAGES}`));

    it('reports the stalled read side in /health (degraded, lastError, lag), and recovers by itself', async () => {
      await until(
        () => running.http.get('/health'),
        (res) => res.body.readModels.lag === 0,
      );
      fill(readModelDb());
      const appended = await post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, batchBody(400, 1_100)).expect(
        201,
      );
      const stalled = await until(
        () => running.http.get('/health'),
        (res) => res.body.status === 'degraded',
      );
      expect(stalled.status).toBe(200);
      expect(stalled.body).toMatchObject({
        status: 'degraded',
        headPosition: appended.body.position,
        readModels: { state: 'stalled', lastError: 'database or disk is full', lag: 1 },
      });
      const waiting = await running.http.get('/agreements').query({ minPosition: appended.body.position });
      expectProblem(waiting, 503, 'NOT_CAUGHT_UP');

      readModelDb().pragma(`max_page_count = ${UNLIMITED_PAGES}`);
      const healed = await until(
        () => running.http.get('/health'),
        (res) => res.body.status === 'ok',
      );
      expect(healed.body).toMatchObject({
        status: 'ok',
        readModelPosition: appended.body.position,
        readModels: { state: 'live', lastError: null, lag: 0 },
      });
      await running.http.get('/agreements').query({ minPosition: appended.body.position }).expect(200);
    });
  });
});
