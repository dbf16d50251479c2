import { startApp, type Http, type RunningApp } from './support/app';
import { buildWorld, ROUTES, WORLD } from './support/access-world';
import { deathBody, paymentBody } from './support/bodies';
import { eventually, expectProblem, expectRefused, snapshot } from './support/ledger';

/**
 * API.md "Access": no leaks across scopes or subjects (Idempotency-Keys, error details, NIK look-ups), rate
 * limits per subject and role, and the usual hardening (security headers, CORS closed, OpenAPI security).
 */
const OFFICER = { sub: 'officer@kc-sumba', roles: ['branch-officer' as const], branches: ['SUMBA'] };

describe('no leaks across subjects and scopes', () => {
  let running: RunningApp;
  let treasurer: Http;
  let otherTreasurer: Http;
  let officer: Http;

  beforeAll(async () => {
    running = await startApp({ env: { RATE_LIMIT_COMMANDS: '5/1m,admin=off', RATE_LIMIT_LOOKUPS: '3/1m,admin=off' } });
    treasurer = running.as(await running.token({ sub: 'bendahara-1', roles: ['finance'], regions: ['53.18'] }));
    otherTreasurer = running.as(await running.token({ sub: 'bendahara-2', roles: ['finance'], regions: ['53'] }));
    officer = running.as(await running.token(OFFICER));
    await buildWorld(running.http);
  });
  afterAll(() => running?.close());

  const pay = (client: Http, paymentId: string, key: string) =>
    client
      .post(`/agreements/${WORLD.in.main}/premium-payments`)
      .set('Idempotency-Key', key)
      .send(paymentBody(paymentId, { amount: 1_000 }));

  it("keeps each subject's Idempotency-Keys its own: another's key of the same text neither blocks nor replays", async () => {
    const mine = await pay(treasurer, 'sp2d-idem-1', 'sp2d-upload').expect(201);
    // Another subject, the same key, another body: its own command, not 409 IDEMPOTENCY_KEY_REUSED.
    const theirs = await pay(otherTreasurer, 'sp2d-idem-2', 'sp2d-upload').expect(201);
    expect(theirs.body.version).toBe(mine.body.version + 1);
    // A third subject sends the first one's key and body: its own command (the payment exists), not a replay.
    const third = running.as(await running.token({ sub: 'bendahara-4', roles: ['finance'], regions: ['53'] }));
    expectProblem(await pay(third, 'sp2d-idem-1', 'sp2d-upload'), 409, 'PAYMENT_EXISTS');
    const retry = await pay(treasurer, 'sp2d-idem-1', 'sp2d-upload').expect(201);
    expect(retry.body).toEqual(mine.body);
  });

  it('names nothing of an agreement outside the scope when a benefit was paid there', async () => {
    // The worker of the twin agreements is also enrolled in Tana Toraja's: paid there, refused here.
    const shared = WORLD.in.members[1];
    await running.http
      .post(`/agreements/${WORLD.out.main}/cohorts`)
      .send({
        cohortId: 'pindahan',
        name: 'Pindahan',
        members: [{ nik: shared, name: 'Siti', occupation: 'petani', villageCode: '73.26.01.2001' }],
      })
      .expect(201);
    await running.http.post(`/agreements/${WORLD.out.main}/death-benefits`).send(deathBody(shared)).expect(201);
    // The death-spread reactor records the death in this agreement too; settled first, so the snapshot of
    // "nothing appended" is not taken in the middle of its work (on EventStoreDB it runs behind the command).
    await eventually(
      () => running.http.get(`/agreements/${WORLD.in.main}/events`).query({ limit: 1000 }),
      (r) => r.body.items?.some((e: { type: string }) => e.type === 'MemberDied') === true,
    );
    const res = await expectRefused(
      running.http,
      WORLD.in.main,
      () =>
        officer.post(`/agreements/${WORLD.in.main}/death-benefits`).send(deathBody(shared, { claimId: 'sbd-jkm-9' })),
      409,
      'BENEFIT_ALREADY_PAID',
    );
    expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${WORLD.out.main}|${WORLD.out.prefix}|jkm-${shared}`));
  });

  it('answers a NIK enrolled only outside the scope as a NIK never enrolled', async () => {
    const outside = await officer.get(`/members/${WORLD.out.members[5]}`);
    const never = await officer.get('/members/5318015505900009');
    expectProblem(outside, 404, 'MEMBER_NOT_FOUND');
    expect(outside.body).toEqual(never.body);
  });

  it('limits look-ups by NIK per subject (3 a minute here): the 4th is 429 RATE_LIMITED with Retry-After', async () => {
    const auditor = running.as(await running.token({ sub: 'auditor@probe', roles: ['auditor'] }));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await auditor.get(`/members/53180155059${String(i).padStart(5, '0')}`));
    expect(answers.slice(0, 3).map((r) => r.status)).toEqual([404, 404, 404]);
    expectProblem(answers[3], 429, 'RATE_LIMITED');
    expect(Number(answers[3].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // An admin is not limited here (admin=off), another subject has its own count.
    await running.http.get(`/members/${WORLD.in.members[2]}`).expect(200);
  });

  it('limits commands per subject and role (5 a minute here), refusing the 6th before anything is written', async () => {
    const clerk = running.as(await running.token({ sub: 'bendahara-3', roles: ['finance'], regions: ['53'] }));
    for (let i = 0; i < 5; i++) await pay(clerk, `sp2d-limit-${i}`, `limit-${i}`).expect(201);
    const before = await snapshot(running.http, WORLD.in.main);
    const over = await pay(clerk, 'sp2d-limit-5', 'limit-5');
    expectProblem(over, 429, 'RATE_LIMITED');
    expect(over.body.details).toMatchObject({ limit: 5, windowSeconds: 60 });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(await snapshot(running.http, WORLD.in.main)).toEqual(before);
    // Queries are not commands; the admin's commands are not limited (admin=off).
    await clerk.get(`/agreements/${WORLD.in.main}`).expect(200);
    for (let i = 0; i < 7; i++) {
      const request = await ROUTES['POST /agreements/{id}/premium-payments']('in', running.http);
      await running.http.post(request.path).send(request.body).expect(201);
    }
  });
});

describe('hardening', () => {
  let running: RunningApp;
  let open: RunningApp;

  beforeAll(async () => {
    running = await startApp();
    open = await startApp({ env: { CORS_ORIGINS: 'https://dasbor.bpjs.example' } });
  });
  afterAll(async () => {
    await running?.close();
    await open?.close();
  });

  it('sends security headers on every answer, errors included', async () => {
    for (const res of [await running.http.get('/health'), await running.anonymous.get('/agreements')]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringMatching(/max-age=/),
        'content-security-policy': expect.stringMatching(/default-src 'self'/),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses a command without a valid token before reading its body; an unknown path stays 404', async () => {
    const res = await running.anonymous.post('/agreements').set('content-type', 'application/json').send('{"not json');
    expectProblem(res, 401, 'UNAUTHENTICATED');
    const forged = await running.anonymous
      .post('/agreements/sbd-x/cohorts')
      .set('Authorization', 'Bearer a.b.c')
      .set('content-type', 'application/json')
      .send('{"members": [');
    expectProblem(forged, 401, 'UNAUTHENTICATED');
    // Refused before any route, the answer still says what is known of the ledger (the status only, unsigned):
    // as /health says it (intact; unverifiable on EventStoreDB, which keeps no transparency log).
    const known = (await running.anonymous.get('/health')).headers['ledger-integrity'];
    expect(known).toMatch(/^(intact|unverifiable)$/);
    expect([res.headers['ledger-integrity'], forged.headers['ledger-integrity']]).toEqual([known, known]);
    expectProblem(await running.anonymous.post('/nowhere').send({}), 404, 'NOT_FOUND');
  });

  it('keeps CORS closed unless configured, and open then to the configured origins only', async () => {
    const origin = 'https://dasbor.bpjs.example';
    const closed = await running.anonymous.get('/health').set('Origin', origin);
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await open.anonymous
      .options('/agreements')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const elsewhere = await open.anonymous.get('/health').set('Origin', 'https://evil.example');
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('declares the bearer scheme on every operation of the OpenAPI document, and none on the health routes', async () => {
    const doc = (await running.anonymous.get('/docs-json').expect(200)).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    const operations = Object.entries(doc.paths as Record<string, Record<string, { security: unknown }>>).flatMap(
      ([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ route: `${method} ${path}`, security: op.security })),
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const { route, security } of operations) {
      const open = ['get /health', 'get /health/live', 'get /health/ready', 'get /auth/config'].includes(route);
      expect({ route, security }).toEqual({ route, security: open ? [] : [{ bearer: [] }] });
    }
  });
});
