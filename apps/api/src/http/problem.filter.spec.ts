import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { ProblemFilter } from './problem.filter';
import { RouteTable } from './route-table';

/** What a caller learns of a fault nobody foresaw: the error shape, an incident id, no internals. */
function answer(method: string, error: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const response: Record<string, unknown> = {
    locals: {},
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: Record<string, unknown>) => (sent.body = body),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ method, path: '/agreements/x' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemFilter(new RouteTable({})).catch(error, host);
  return { ...sent, logged: { err: response.err, incident: (response.locals as { incident?: string }).incident } };
}

describe('an unforeseen fault', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('answers a query with 500 INTERNAL_ERROR that says the query was not answered, not that a command was not applied', () => {
    const { status, body } = answer('GET', new TypeError('Cannot read properties of undefined (reading "x")'));
    expect(status).toBe(500);
    expect(body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'internal error; the query was not answered',
      details: { incident: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
  });

  it('tells a command that its outcome is unknown and how to learn it, without the error text', () => {
    const { body } = answer('POST', new Error('SQLITE_CONSTRAINT: secret table name'));
    expect(body?.message).toMatch(/outcome of the command is unknown.*same Idempotency-Key/);
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|secret/);
  });

  it("leaves the fault with its stack for the request's log line, under the incident id the caller was given", () => {
    const fault = new Error('SQLITE_CONSTRAINT: secret table name');
    const { body, logged } = answer('POST', fault);
    expect(logged.err).toBe(fault);
    expect((logged.err as Error).stack).toMatch(/problem\.filter\.spec/);
    expect(logged.incident).toBe((body?.details as { incident: string }).incident);
  });
});
