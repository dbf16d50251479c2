import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { ReadModelHost } from '@pks/projections';
import { paymentAppended } from '@pks/projections/testing/money-events';
import { startApp, type RunningApp } from './support/app';
import {
  batchBody,
  cohortBody,
  deathBody,
  effectiveDateBody,
  extensionBody,
  nik,
  paymentBody,
  signBody,
} from './support/bodies';
import { expectProblem } from './support/ledger';

/**
 * One agreement's figures from one source: the summary and the premiums come from the read models, and a query
 * about one agreement waits for that agreement's latest event, so a client reads its own write without passing
 * `minPosition`. The summary equals `/state` at the latest version after every kind of command.
 */
const ID = 'sbd-ryw-01';
/** How far the read models lag behind a command here: longer than a client takes to ask right after it. */
const LAG_MS = 60;

describe('read your writes on one agreement, without minPosition', () => {
  let running: RunningApp;
  let lagging: jest.SpyInstance;

  beforeAll(async () => {
    running = await startApp();
    const runner = running.app.get(ReadModelHost).current().runner;
    lagging = jest.spyOn(runner, 'notify').mockImplementation(() => {
      setTimeout(() => void runner.catchUp().catch(() => undefined), LAG_MS);
    });
  });
  afterAll(async () => {
    lagging.mockRestore();
    // The payments "of another instance" are appended to the store directly, not through the API.
    await running?.close({ outsideApi: ['operator@other-instance'] });
  });

  const commands: [string, string, Record<string, unknown>][] = [
    ['sign', '/agreements', signBody({ agreementId: ID })],
    ['enrol', `/agreements/${ID}/cohorts`, cohortBody(40)],
    ['enrol a next batch', `/agreements/${ID}/cohorts/berkah-nelayan/members`, batchBody(10, 40)],
    ['pay premium', `/agreements/${ID}/premium-payments`, paymentBody('sp2d-ryw-1', { amount: 1_000_000 })],
    ['pay a death benefit', `/agreements/${ID}/death-benefits`, deathBody(nik(3))],
    ['withdraw', `/agreements/${ID}/members/${nik(4)}/withdrawal`, effectiveDateBody('2025-12-01')],
    ['extend', `/agreements/${ID}/extensions`, extensionBody('2026-03-31', { additionalBudget: 100_000_000 })],
    ['terminate', `/agreements/${ID}/termination`, effectiveDateBody('2026-02-01', 'pemutusan PKS')],
  ];

  it.each(commands)('after "%s", the summary shows it and equals /state at that version', async (_, path, body) => {
    const { version } = (await running.http.post(path).send(body).expect(201)).body;
    const view = (await running.http.get(`/agreements/${ID}`).expect(200)).body;
    const state = (await running.http.get(`/agreements/${ID}/state`).query({ version }).expect(200)).body;
    expect(view.version).toBe(version);
    expect(view).toEqual(state);
  });

  it('the premiums right after a payment count it', async () => {
    await running.http
      .post(`/agreements/${ID}/premium-payments`)
      .send(paymentBody('sp2d-ryw-2', { amount: 500_000 }))
      .expect(201);
    const premiums = (await running.http.get(`/agreements/${ID}/premiums`).expect(200)).body;
    expect(premiums.paid).toBe(1_500_000);
  });

  it('sees an event appended by another writer, which notified nobody in this process', async () => {
    const store = running.app.get<EventStore>(EVENT_STORE);
    const version = await store.streamVersion(`agreement-${ID}`);
    await store.append(`agreement-${ID}`, version, [paymentByAnotherInstance('sp2d-other-1', version)]);
    const view = (await running.http.get(`/agreements/${ID}`).expect(200)).body;
    expect(view).toMatchObject({ version: version + 1, paidPremium: 1_500_000 + 16_800 });
  });

  it('answers 503 NOT_CAUGHT_UP, never an older summary, while the read models cannot catch up', async () => {
    const runner = running.app.get(ReadModelHost).current().runner;
    // Halted, on the service's loop or in its thread: neither reads of the feed nor (on EventStoreDB) the events
    // its subscription pushes are applied until it starts again (it then resumes from its checkpoint).
    await runner.halt()?.stop();
    const store = running.app.get<EventStore>(EVENT_STORE);
    const version = await store.streamVersion(`agreement-${ID}`);
    try {
      await store.append(`agreement-${ID}`, version, [paymentByAnotherInstance('sp2d-other-2', version)]);
      const res = await running.http.get(`/agreements/${ID}`);
      expectProblem(res, 503, 'NOT_CAUGHT_UP');
      expect(res.headers['retry-after']).toBeDefined();
      expectProblem(await running.http.get(`/agreements/${ID}/premiums`), 503, 'NOT_CAUGHT_UP');
      // The list is about no one agreement: it answers what the read models hold, at once.
      const listed = (await running.http.get('/agreements').expect(200)).body.items;
      expect(listed).toEqual([expect.objectContaining({ agreementId: ID, version })]);
    } finally {
      runner.start(250); // the service's poll (FEED_POLL_MS)
      await runner.started();
    }
    expect((await running.http.get(`/agreements/${ID}`).expect(200)).body.version).toBe(version + 1);
  });

  it('an agreement that does not exist is 404 at once, with nothing to wait for', async () => {
    const started = Date.now();
    expectProblem(await running.http.get('/agreements/no-such-agreement'), 404, 'AGREEMENT_NOT_FOUND');
    expect(Date.now() - started).toBeLessThan(250);
  });
});

/** A payment as another instance of the service would append it (same store, no in-process notification). */
function paymentByAnotherInstance(paymentId: string, version: number) {
  return paymentAppended(`${paymentId}-${version}`, paymentId, {
    actor: 'operator@other-instance',
    recordedAt: new Date().toISOString(),
  });
}
