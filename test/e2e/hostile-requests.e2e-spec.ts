import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { startApp, type RunningApp } from './support/app';
import { cohortBody, memberRow, signBody } from './support/bodies';
import { nik } from './support/nik';
import { expectProblem, expectRefused } from './support/ledger';

/** Issue 8: requests a hostile or mistaken caller sends; each gets a stable 4xx, never a hang or a 500. */
const ID = 'sbd-hostile-01';

describe('hostile requests', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
    await running.http
      .post('/agreements')
      .send(signBody({ agreementId: ID }))
      .expect(201);
    await running.http.post(`/agreements/${ID}/cohorts`).send(cohortBody(3)).expect(201);
  });
  afterAll(() => running?.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    running.http
      .post(path)
      .set({ 'content-type': 'application/json', ...headers })
      .send(body);

  describe('the calendar of the product is 1900 to 2199', () => {
    it('refuses a coverage series in the year 9999 at once instead of looping (it used to hang the service)', async () => {
      const res = await running.http
        .get(`/agreements/${ID}/coverage`)
        .query({ interval: 'month', from: '9999-11-01', to: '9999-12-31' })
        .timeout(2_000);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expectProblem(
        await running.http.get('/coverage').query({ from: '9999-12-01', to: '9999-12-31' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('refuses to sign a coverage ending in 9999 or to extend to it', async () => {
      const far = signBody({ agreementId: 'sbd-hostile-far', coverage: { start: '2025-10-01', end: '9999-12-31' } });
      const res = await expectRefused(
        running.http,
        'sbd-hostile-far',
        () => running.http.post('/agreements').send(far),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body.details).toEqual([expect.objectContaining({ path: 'coverage.end' })]);
      await expectRefused(
        running.http,
        ID,
        () => running.http.post(`/agreements/${ID}/extensions`).send({ newEnd: '9999-12-31', reference: 'Perda' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('answers /health right after', async () => {
      await running.http.get('/health').timeout(1_000).expect(200);
    });
  });

  describe('instants that do not exist are refused, never rolled over', () => {
    it.each([
      '2025-13-01T00:00:00Z',
      '2025-11-01T25:00:00Z',
      '2025-11-01T23:60:00Z',
      '2025-11-01T00:00:00+24:00',
      '9999-99-99T99:99:99Z',
      '2025-02-30T00:00:00Z',
      '2025-11-01T00:00:00',
    ])('asOf=%s on /state and asKnownAt on /coverage', async (instant) => {
      expectProblem(
        await running.http.get(`/agreements/${ID}/state`).query({ asOf: instant }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await running.http.get(`/agreements/${ID}/coverage`).query({ asKnownAt: instant }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('reads an offset instant as the same moment in UTC', async () => {
      const res = await running.http
        .get(`/agreements/${ID}/state`)
        .query({ asOf: '2199-12-31T23:00:00+07:00' })
        .expect(200);
      expect(res.body.asOf).toBe('2199-12-31T16:00:00.000Z');
    });
  });

  describe('numbers in a query string are plain decimal digits, within what can be counted exactly', () => {
    it.each([
      ['limit', '0x10'],
      ['limit', '+5'],
      ['limit', '16.0'],
      ['offset', '1e19'],
      ['offset', '-1'],
      ['offset', '9007199254740992'],
      ['minPosition', ' 3'],
    ])('/benefits?%s=%s', async (name, value) => {
      const res = await running.http.get('/benefits').query({ [name]: value });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual([expect.objectContaining({ path: name })]);
    });

    it('fromVersion=9007199254740992 on the history', async () => {
      expectProblem(
        await running.http.get(`/agreements/${ID}/events`).query({ fromVersion: '9007199254740992' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
      'refuses a query parameter named %s',
      async (name) => {
        const res = await running.http.get(`/agreements/${ID}/coverage?${name}=1`);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.details).toEqual([{ path: name, reason: 'is not a parameter of this request' }]);
      },
    );

    it('answers the history of an agreement that does not exist with 404 from any version on', async () => {
      for (const fromVersion of ['1', '4']) {
        expectProblem(
          await running.http.get('/agreements/no-such-agreement/events').query({ fromVersion }),
          404,
          'AGREEMENT_NOT_FOUND',
        );
      }
    });

    it('refuses a benefits range that ends before it starts, as coverage does', async () => {
      expectProblem(
        await running.http.get('/benefits').query({ from: '2025-12-31', to: '2025-01-01' }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('bodies', () => {
    it('refuses a body nested 2,000 levels with VALIDATION_FAILED before parsing it', async () => {
      const deep = `${'['.repeat(2_000)}${']'.repeat(2_000)}`;
      const res = await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/premium-payments`, deep),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body.details).toEqual([{ path: 'body', reason: expect.stringMatching(/deeper than 16/) }]);
    });

    it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])(
      'refuses the key %s at the top level and inside a member row, like any unknown key',
      async (key) => {
        const sign = JSON.stringify(signBody({ agreementId: 'sbd-hostile-proto' })).replace('{', `{"${key}":{"x":1},`);
        await expectRefused(
          running.http,
          'sbd-hostile-proto',
          () => post('/agreements', sign),
          400,
          'VALIDATION_FAILED',
        );
        const row = JSON.stringify({ members: [memberRow(nik(50))] }).replace('{"nik"', `{"${key}":1,"nik"`);
        const res = await expectRefused(
          running.http,
          ID,
          () => post(`/agreements/${ID}/cohorts/berkah-nelayan/members`, row),
          400,
          'VALIDATION_FAILED',
        );
        expect(res.body.details).toEqual([{ path: `members[0].${key}`, reason: 'is not a field of this request' }]);
      },
    );

    it('refuses names made only of control characters, and names that contain one', async () => {
      for (const name of ['\u0000', '\u0000\u0001', 'Maria\u0000Ngongo', '\u007f', '\ud800']) {
        const res = await expectRefused(
          running.http,
          ID,
          () =>
            running.http
              .post(`/agreements/${ID}/cohorts/berkah-nelayan/members`)
              .send({ members: [memberRow(nik(60), { name })] }),
          400,
          'VALIDATION_FAILED',
        );
        expect(res.body.details).toEqual([expect.objectContaining({ path: 'members[0].name' })]);
      }
    });

    it('answers a body declared gzip but sent plain with VALIDATION_FAILED, and never the parser message', async () => {
      const res = await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/premium-payments`, '{"paymentId":"x"}', { 'content-encoding': 'gzip' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body.message).not.toMatch(/header check|zlib|incorrect/i);
    });

    it('never echoes the JSON parser', async () => {
      for (const body of ['{"a":', '{"a" 1}', 'nul', '{"amount": 1,}']) {
        const res = await post(`/agreements/${ID}/premium-payments`, body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.message).toBe('request body is not valid JSON');
      }
    });
  });

  describe('routes and methods', () => {
    it('answers an unknown route with 404 NOT_FOUND', async () => {
      expectProblem(await running.http.get('/no-such-route'), 404, 'NOT_FOUND');
    });

    it('answers a known path with the wrong method with 405 METHOD_NOT_ALLOWED and the methods it allows', async () => {
      const res = await running.http.delete(`/agreements/${ID}`);
      expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
      expect(res.headers.allow).toBe('GET, HEAD');
      expect((await running.http.put('/agreements')).headers.allow).toBe('GET, HEAD, POST');
    });

    it('refuses malformed path parameters before reading any state', async () => {
      expectProblem(await running.http.get('/members/12345'), 400, 'VALIDATION_FAILED');
      expectProblem(await running.http.get('/agreements/NOT_AN_ID/premiums'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('raw HTTP', () => {
    const raw = (headers: Record<string, string>, body = '') =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const { port } = (running.app.getHttpServer() as Server).address() as AddressInfo;
        const req = httpRequest(
          { host: '127.0.0.1', port, method: 'POST', path: `/agreements/${ID}/premium-payments`, headers },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });

    it('answers headers larger than the server accepts with 431 and the error shape', async () => {
      const res = await raw({ 'content-type': 'application/json', 'x-padding': 'x'.repeat(70_000) }, '{}');
      expect(res.status).toBe(431);
      expect(JSON.parse(res.body)).toEqual({
        statusCode: 431,
        code: 'REQUEST_HEADERS_TOO_LARGE',
        message: expect.any(String),
      });
    });
  });
});
