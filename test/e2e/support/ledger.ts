import type { Response } from 'supertest';
import type { Http } from './app';

/** What an agreement and the whole store hold now: for "a rejected command appends nothing". */
export interface LedgerSnapshot {
  /** Events of the agreement's stream (0 when it does not exist). */
  readonly events: number;
  /** Global position of the last event of the store, every stream included. */
  readonly headPosition: number;
}

export async function snapshot(http: Http, agreementId: string): Promise<LedgerSnapshot> {
  const health = await http.get('/health').expect(200);
  return { events: await eventCount(http, agreementId), headPosition: health.body.headPosition };
}

export async function eventCount(http: Http, agreementId: string): Promise<number> {
  let count = 0;
  let fromVersion: number | null = 1;
  while (fromVersion !== null) {
    const res = await http.get(`/agreements/${agreementId}/events`).query({ fromVersion, limit: 1000 });
    // 404: no such agreement; 400: an id that no agreement can have (the path parameter is refused).
    if (res.status === 404 || (res.status === 400 && res.body.details?.[0]?.path === 'params.id')) return 0;
    expect(res.status).toBe(200);
    count += res.body.items.length;
    fromVersion = res.body.nextVersion ?? null;
  }
  return count;
}

export async function summary(http: Http, agreementId: string) {
  return (await http.get(`/agreements/${agreementId}`).expect(200)).body;
}

/** API.md's error shape, with no stack trace nor internal detail. */
export function expectProblem(res: Response, statusCode: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status: statusCode, code });
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.statusCode).toBe(statusCode);
  expect(typeof res.body.message).toBe('string');
  expect(res.body.message.length).toBeGreaterThan(0);
  expect(Object.keys(res.body).filter((key) => !['statusCode', 'code', 'message', 'details'].includes(key))).toEqual(
    [],
  );
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|\.js:\d+|node_modules|Error:/);
}

/** Sends a command that must be refused with `code`, and checks that nothing was appended anywhere. */
export async function expectRefused(
  http: Http,
  agreementId: string,
  send: () => Promise<Response>,
  statusCode: number,
  code: string,
): Promise<Response> {
  const before = await snapshot(http, agreementId);
  const res = await send();
  expectProblem(res, statusCode, code);
  expect(await snapshot(http, agreementId)).toEqual(before);
  return res;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value `accept` takes, or fails after `timeoutMs` (for what a reactor does next). */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await sleep(20);
  }
}
