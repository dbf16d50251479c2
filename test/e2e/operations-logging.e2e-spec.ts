import { QueryBus } from '@nestjs/cqrs';
import { startApp, type RunningApp } from './support/app';
import { cohortBody, SBD, signBody } from './support/bodies';
import { expectProblem } from './support/ledger';

type LogLine = Record<string, unknown> & { msg?: string };

/** The JSON log of one app, captured line by line instead of going to stdout. */
function capturedLog() {
  const lines: LogLine[] = [];
  return {
    lines,
    destination: { write: (chunk: string) => void lines.push(JSON.parse(chunk) as LogLine) },
    /** The request line of the response carrying this correlation id. */
    requestLine: (correlationId: string) =>
      lines.filter((line) => line.correlationId === correlationId && 'status' in line),
  };
}

/** Waits for the request line: it is written when the response has been sent, a moment after supertest sees it. */
async function lineOf(log: ReturnType<typeof capturedLog>, correlationId: string): Promise<LogLine[]> {
  for (let i = 0; i < 50 && log.requestLine(correlationId).length === 0; i++)
    await new Promise((r) => setTimeout(r, 10));
  return log.requestLine(correlationId);
}

describe('the request log', () => {
  const log = capturedLog();
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ env: { LOG_LEVEL: 'info' }, module: { logDestination: log.destination } });
  });
  afterAll(() => running?.close());

  it('writes one JSON line per request: correlation id sent back, subject, route template, status, duration', async () => {
    const res = await running.anonymous.get('/health/live').set('X-Correlation-Id', 'probe-0001').expect(200);
    expect(res.headers['x-correlation-id']).toBe('probe-0001');
    const lines = await lineOf(log, 'probe-0001');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        correlationId: 'probe-0001',
        subject: 'anonymous',
        method: 'GET',
        url: '/health/live',
        route: '/health/live',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it("never writes a credential of a URL: the sign-in's code and state, a token put in the query", async () => {
    await running.anonymous
      .get('/?code=Zm9vYmFy-one-time&state=st4te&iss=https%3A%2F%2Fsso.example')
      .set('X-Correlation-Id', 'oidc-return-1');
    await running.anonymous
      .get('/agreements?access_token=eyJhbGciOi.x.y&limit=5')
      .set('X-Correlation-Id', 'tok-in-url');
    const [signIn] = await lineOf(log, 'oidc-return-1');
    const [tokenInUrl] = await lineOf(log, 'tok-in-url');
    expect(signIn.url).toBe('/?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fsso.example');
    expect(tokenInUrl).toMatchObject({ url: '/agreements?access_token=[redacted]&limit=5', status: 401 });
    expect(JSON.stringify(log.lines)).not.toMatch(/Zm9vYmFy|st4te|eyJhbGciOi/);
  });

  it('makes a correlation id when the client sent none, and records it in the events of the command', async () => {
    const sign = await running.http.post('/agreements').send(signBody()).expect(201);
    const correlationId = sign.headers['x-correlation-id'];
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const [line] = await lineOf(log, correlationId);
    // The subject of the bearer token (the e2e admin's).
    expect(line).toMatchObject({ method: 'POST', route: '/agreements', status: 201, subject: 'e2e-admin' });
    const history = await running.http.get(`/agreements/${SBD.agreementId}/events`).expect(200);
    expect(history.body.items[0].metadata.correlationId).toBe(correlationId);
  });

  it('logs a request refused before any route (a body that is not JSON), with no route', async () => {
    const res = await running.http
      .post('/agreements')
      .set('content-type', 'application/json')
      .set('X-Correlation-Id', 'broken-body-1')
      .send('{"agreementId": ');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(await lineOf(log, 'broken-body-1')).toEqual([
      expect.objectContaining({ route: null, url: '/agreements', status: 400, level: 'info' }),
    ]);
  });

  it('puts a fault with its stack in the log line under the incident id of the answer, and never in the answer', async () => {
    const queries = running.app.get(QueryBus);
    const execute = queries.execute.bind(queries);
    jest.spyOn(queries, 'execute').mockImplementationOnce(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'cohorts')");
    });
    const res = await running.http.get(`/agreements/${SBD.agreementId}/events`).set('X-Correlation-Id', 'fault-1');
    queries.execute = execute;
    expectProblem(res, 500, 'INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toMatch(/cohorts|TypeError/);
    const [line] = await lineOf(log, 'fault-1');
    expect(line).toMatchObject({ level: 'error', status: 500, incident: res.body.details.incident });
    expect((line.err as { stack: string }).stack).toMatch(/TypeError: Cannot read properties.*\n\s+at /);
  });

  it('logs a refusal the API explains (a rule said no) as info, with no error object', async () => {
    await running.http.post(`/agreements/${SBD.agreementId}/cohorts`).send(cohortBody(2)).expect(201);
    const res = await running.http.post('/agreements').send(signBody()).set('X-Correlation-Id', 'again-1');
    expectProblem(res, 409, 'AGREEMENT_EXISTS');
    const [line] = await lineOf(log, 'again-1');
    expect(line).toMatchObject({ level: 'info', status: 409 });
    expect(line).not.toHaveProperty('err');
  });
});
