import { startApp, type RunningApp } from './support/app';
import { cohortBody, deathBody, nik, paymentBody, signBody } from './support/bodies';
import { expectRefused, snapshot } from './support/ledger';

/**
 * Idempotency-Key (API.md): a retry with the same key and body returns the first answer and appends nothing,
 * for the whole history and across restarts; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED.
 */
const ID = 'sbd-idempotency-01';

describe('Idempotency-Key over HTTP', () => {
  let running: RunningApp;
  const first: Record<string, { status: number; body: unknown }> = {};
  const commands: Record<string, { path: string; body: Record<string, unknown> }> = {
    sign: { path: '/agreements', body: signBody({ agreementId: ID }) },
    enrol: { path: `/agreements/${ID}/cohorts`, body: cohortBody(20) },
    pay: { path: `/agreements/${ID}/premium-payments`, body: paymentBody('sp2d-2025-10-0031') },
    death: { path: `/agreements/${ID}/death-benefits`, body: deathBody(nik(3)) },
  };
  const send = (name: string, body = commands[name].body) =>
    running.http.post(commands[name].path).set('Idempotency-Key', `key-${name}`).send(body);

  beforeAll(async () => {
    running = await startApp();
    for (const name of Object.keys(commands)) {
      const res = await send(name).expect(201);
      first[name] = { status: res.status, body: res.body };
    }
  });
  afterAll(() => running?.close());

  it.each(['sign', 'enrol', 'pay', 'death'])(
    'returns the first answer to a retry of %s and appends nothing',
    async (name) => {
      const before = await snapshot(running.http, ID);
      const retry = await send(name);
      expect({ status: retry.status, body: retry.body }).toEqual(first[name]);
      expect(await snapshot(running.http, ID)).toEqual(before);
    },
  );

  it('replays the death benefit with the benefit that was paid', () => {
    expect(first.death.body).toMatchObject({ version: 4, benefit: { program: 'JKM', total: 42_000_000 } });
  });

  it('treats the same JSON with its keys in another order as the same body', async () => {
    const before = await snapshot(running.http, ID);
    const reordered = Object.fromEntries(Object.entries(commands.pay.body).reverse());
    const retry = await send('pay', reordered);
    expect({ status: retry.status, body: retry.body }).toEqual(first.pay);
    expect(await snapshot(running.http, ID)).toEqual(before);
  });

  it('refuses the same key with another body: 409 IDEMPOTENCY_KEY_REUSED', async () => {
    await expectRefused(
      running.http,
      ID,
      () => send('pay', paymentBody('sp2d-2025-10-0031', { amount: 94_080_001 })),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
    await expectRefused(
      running.http,
      ID,
      () => send('pay', paymentBody('sp2d-2025-10-0032')),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('still answers the first response after many later commands', async () => {
    for (let i = 0; i < 30; i++) {
      await running.http
        .post(`/agreements/${ID}/premium-payments`)
        .send(paymentBody(`sp2d-later-${i}`, { amount: 1_000 }))
        .expect(201);
    }
    const before = await snapshot(running.http, ID);
    const retry = await send('pay');
    expect({ status: retry.status, body: retry.body }).toEqual(first.pay);
    expect(await snapshot(running.http, ID)).toEqual(before);
  });

  it('keeps the keys across a restart on the same SQLite file', async () => {
    const before = await snapshot(running.http, ID);
    await running.close({ keepFiles: true });
    running = await startApp({ dir: running.dir });
    expect(await snapshot(running.http, ID)).toEqual(before);
    for (const name of Object.keys(commands)) {
      const retry = await send(name);
      expect({ name, status: retry.status, body: retry.body }).toEqual({ name, ...first[name] });
    }
    expect(await snapshot(running.http, ID)).toEqual(before);
    await expectRefused(
      running.http,
      ID,
      () => send('death', deathBody(nik(3), { dateOfDeath: '2025-11-11' })),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('accepts a new key after the restart as a new command', async () => {
    const res = await running.http
      .post(`/agreements/${ID}/premium-payments`)
      .set('Idempotency-Key', 'key-after-restart')
      .send(paymentBody('sp2d-after-restart'))
      .expect(201);
    expect(res.body.version).toBe((await snapshot(running.http, ID)).events);
  });
});
