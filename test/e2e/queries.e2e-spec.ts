import { startApp, type RunningApp } from './support/app';
import { batchBody, cohortBody, deathBody, nik, paymentBody, signBody } from './support/bodies';
import { expectProblem } from './support/ledger';

/** Read your writes: a command's position is a consistency token that every query accepts as minPosition. */
const ID = 'sbd-queries-01';

describe('queries with minPosition', () => {
  let running: RunningApp;
  const answered: Record<string, { version: number; position: number }> = {};

  beforeAll(async () => {
    running = await startApp();
    const { http } = running;
    answered.sign = (
      await http
        .post('/agreements')
        .send(signBody({ agreementId: ID }))
        .expect(201)
    ).body;
    answered.enrol = (await http.post(`/agreements/${ID}/cohorts`).send(cohortBody(12)).expect(201)).body;
    answered.death = (
      await http
        .post(`/agreements/${ID}/death-benefits`)
        .send(deathBody(nik(4)))
        .expect(201)
    ).body;
  });
  afterAll(() => running?.close());

  it('answers positions that grow with each command', () => {
    expect(answered.sign.position).toBeLessThan(answered.enrol.position);
    expect(answered.enrol.position).toBeLessThan(answered.death.position);
  });

  it('answers 200 at once for minPosition equal to the position a command answered', async () => {
    const { position } = answered.death;
    const started = Date.now();
    const view = await running.http.get(`/agreements/${ID}`).query({ minPosition: position }).expect(200);
    expect(Date.now() - started).toBeLessThan(250);
    expect(view.body).toMatchObject({ members: 12, benefits: { count: 1, total: 42_000_000 }, version: 3 });
    await running.http.get(`/agreements/${ID}/events`).query({ minPosition: position }).expect(200);
    await running.http.get(`/agreements/${ID}/state`).query({ minPosition: position, version: 2 }).expect(200);
  });

  it('answers 200 for a minPosition already passed', async () => {
    await running.http.get(`/agreements/${ID}`).query({ minPosition: answered.sign.position }).expect(200);
    await running.http.get(`/agreements/${ID}`).query({ minPosition: 0 }).expect(200);
  });

  it('reads its own write right after each command', async () => {
    for (let i = 0; i < 5; i++) {
      const paid = await running.http
        .post(`/agreements/${ID}/premium-payments`)
        .send(paymentBody(`sp2d-ryw-${i}`, { amount: 10_000 }))
        .expect(201);
      const view = await running.http.get(`/agreements/${ID}`).query({ minPosition: paid.body.position }).expect(200);
      expect(view.body).toMatchObject({ version: paid.body.version, paidPremium: 10_000 * (i + 1) });
    }
  });

  it('answers 503 NOT_CAUGHT_UP for a position one past the head', async () => {
    const { headPosition } = (await running.http.get('/health').expect(200)).body;
    const res = await running.http.get(`/agreements/${ID}`).query({ minPosition: headPosition + 1 });
    expectProblem(res, 503, 'NOT_CAUGHT_UP');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('waits for a position that a command reaches while the query waits', async () => {
    const { headPosition } = (await running.http.get('/health').expect(200)).body;
    const waiting = running.http.get(`/agreements/${ID}`).query({ minPosition: headPosition + 1 });
    const enrolled = running.http.post(`/agreements/${ID}/cohorts/berkah-nelayan/members`).send(batchBody(3, 100));
    const [view, command] = await Promise.all([waiting, enrolled]);
    expect(command.status).toBe(201);
    expect(view.status).toBe(200);
    expect(view.body.members).toBe(15);
  });
});

describe('agreement summary and history queries', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
    await running.http
      .post('/agreements')
      .send(signBody({ agreementId: ID }))
      .expect(201);
  });
  afterAll(() => running?.close());

  it('answers the summary of a new agreement with the fields of API.md', async () => {
    const view = (await running.http.get(`/agreements/${ID}`).expect(200)).body;
    for (const field of [
      'agreementId',
      'status',
      'pemda',
      'branch',
      'pksNumber',
      'signedOn',
      'coverage',
      'budget',
      'cohorts',
      'members',
      'expectedPremium',
      'paidPremium',
      'benefits',
      'version',
    ]) {
      expect(view).toHaveProperty(field);
    }
    expect(view).toMatchObject({
      cohorts: [],
      members: 0,
      expectedPremium: 0,
      paidPremium: 0,
      benefits: { count: 0, total: 0 },
      version: 1,
    });
  });

  it('refuses an events page larger than 1,000 or starting before version 1', async () => {
    expectProblem(await running.http.get(`/agreements/${ID}/events`).query({ limit: 1_001 }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await running.http.get(`/agreements/${ID}/events`).query({ fromVersion: 0 }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers an empty page past the end of the history', async () => {
    const res = await running.http.get(`/agreements/${ID}/events`).query({ fromVersion: 5 }).expect(200);
    expect(res.body.items).toEqual([]);
  });
});
