import type { Response } from 'supertest';
import { ACCESS_POLICY } from '../../apps/api/src/access/access-policy';
import { startApp, type Http, type RunningApp } from './support/app';
import {
  ALL,
  buildWorld,
  CALLERS,
  COVERS,
  NOT_VIEWER,
  ROUTES,
  SHOWS,
  WORLD,
  type Caller,
  type RouteRequest,
  type Target,
} from './support/access-world';
import { snapshot } from './support/ledger';
import { refusedTokens } from './support/tokens';

/**
 * API.md "Access", route by route: every route of the OpenAPI document called with no token, with tokens the
 * service must refuse, and by each role on an agreement (or region, or worker) in its scope and out of it.
 * Expected answers are API.md's table, written here in its words, not read from the implementation.
 */
/** The table of API.md: who may call each route, and whether out of scope is refused (403) or filtered. */
const TABLE: Readonly<Record<string, { allowed: readonly Caller[]; outOfScope: 'refused' | 'filtered' | 'none' }>> = {
  'POST /agreements': { allowed: ['admin', 'officer'], outOfScope: 'refused' },
  'POST /agreements/{id}/cohorts': { allowed: ['admin', 'officer'], outOfScope: 'refused' },
  'POST /agreements/{id}/cohorts/{cohortId}/members': { allowed: ['admin', 'officer'], outOfScope: 'refused' },
  'POST /agreements/{id}/extensions': { allowed: ['admin', 'officer'], outOfScope: 'refused' },
  'POST /agreements/{id}/death-benefits': { allowed: ['admin', 'officer'], outOfScope: 'refused' },
  'POST /agreements/{id}/members/{nik}/withdrawal': { allowed: ['admin', 'officer'], outOfScope: 'refused' },
  'POST /agreements/{id}/termination': { allowed: ['admin', 'officer'], outOfScope: 'refused' },
  'POST /agreements/{id}/premium-payments': { allowed: ['admin', 'finance'], outOfScope: 'refused' },
  'POST /agreements/{id}/premium-payments/{paymentId}/reversal': {
    allowed: ['admin', 'finance'],
    outOfScope: 'refused',
  },
  'POST /agreements/{id}/members/{nik}/corrections': { allowed: ['admin', 'officer'], outOfScope: 'refused' },
  'GET /agreements': { allowed: ALL, outOfScope: 'filtered' },
  'GET /agreements/{id}': { allowed: ALL, outOfScope: 'refused' },
  'GET /agreements/{id}/coverage': { allowed: ALL, outOfScope: 'refused' },
  'GET /agreements/{id}/premiums': { allowed: ALL, outOfScope: 'refused' },
  'GET /agreements/{id}/premium-payments': { allowed: ALL, outOfScope: 'refused' },
  // An agreement's member list is personal data: not for a viewer (as one worker's coverage is not).
  'GET /agreements/{id}/members': { allowed: NOT_VIEWER, outOfScope: 'refused' },
  'GET /coverage': { allowed: ALL, outOfScope: 'filtered' },
  'GET /benefits': { allowed: ALL, outOfScope: 'filtered' },
  'GET /reconciliation/double-funding': { allowed: ALL, outOfScope: 'filtered' },
  'GET /reconciliation/premiums': { allowed: ALL, outOfScope: 'filtered' },
  'GET /agreements/{id}/events': { allowed: NOT_VIEWER, outOfScope: 'refused' },
  'GET /agreements/{id}/state': { allowed: NOT_VIEWER, outOfScope: 'refused' },
  'GET /members/{nik}': { allowed: NOT_VIEWER, outOfScope: 'filtered' },
  'GET /read-models/status': { allowed: ['admin', 'auditor-53', 'auditor'], outOfScope: 'none' },
  // Open to a scraper's METRICS_TOKEN too (not set here): its own guard, after the access guard.
  'GET /metrics': { allowed: ['admin', 'auditor-53', 'auditor'], outOfScope: 'none' },
  // Ledger proofs: the auditor's, of the whole ledger (a regional auditor's too: no Pemda is named).
  'GET /ledger/tree-head': { allowed: ['admin', 'auditor-53', 'auditor'], outOfScope: 'none' },
  'GET /ledger/proofs/inclusion': { allowed: ['admin', 'auditor-53', 'auditor'], outOfScope: 'none' },
  'GET /ledger/proofs/consistency': { allowed: ['admin', 'auditor-53', 'auditor'], outOfScope: 'none' },
};

/**
 * What an allowed caller is answered, where it is not the route's success: EventStoreDB keeps no transparency
 * log, so the ledger's routes answer 503 LEDGER_LOG_UNAVAILABLE there (once past the access guard).
 */
const withoutLog = process.env.E2E_EVENT_STORE === 'eventstoredb';
const ALLOWED_ANSWER: Readonly<Record<string, { status: number; code: string }>> = withoutLog
  ? Object.fromEntries(
      Object.keys(TABLE)
        .filter((key) => key.startsWith('GET /ledger/'))
        .map((key) => [key, { status: 503, code: 'LEDGER_LOG_UNAVAILABLE' }]),
    )
  : {};

describe('who may do what (API.md "Access"), route by route', () => {
  let running: RunningApp;
  let clients: Record<Caller, Http>;
  let refused: Record<string, string>;
  let documented: string[];
  let requests = 0;

  beforeAll(async () => {
    running = await startApp();
    clients = {} as Record<Caller, Http>;
    for (const caller of ALL) clients[caller] = running.as(await running.token(CALLERS[caller]));
    refused = await refusedTokens(running.config);
    await buildWorld(running.http);
    const paths = (await running.anonymous.get('/docs-json').expect(200)).body.paths as Record<string, object>;
    documented = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    // The size of the matrix, for the record.
    process.stdout.write(`access matrix: ${requests} requests over ${documented.length} routes\n`);
    await running?.close();
  });

  const send = (client: Http, request: RouteRequest, authorization?: string): Promise<Response> => {
    requests += 1;
    const sent = client[request.method](request.path).query(request.query ?? {});
    if (authorization !== undefined) sent.set('Authorization', authorization);
    return request.body === undefined ? sent : sent.send(request.body);
  };

  /** Sends a request expected to be refused, and checks that nothing was appended anywhere. */
  async function refusedWith(
    client: Http,
    request: RouteRequest,
    status: number,
    code: string,
    authorization?: string,
  ) {
    const before = request.method === 'post' ? await snapshot(running.http, request.agreementId as string) : null;
    const res = await send(client, request, authorization);
    const problems = res.status === status && res.body.code === code ? [] : [`${res.status} ${res.body.code}`];
    if (
      before !== null &&
      JSON.stringify(await snapshot(running.http, request.agreementId as string)) !== JSON.stringify(before)
    ) {
      problems.push('appended events');
    }
    return { res, problems };
  }

  it('has an entry in the access policy and in this matrix for every route the OpenAPI document lists', () => {
    expect(documented.filter((key) => !(key in ACCESS_POLICY))).toEqual([]);
    expect(documented.filter((key) => !(key in ROUTES)).sort()).toEqual([]);
    expect(Object.keys(TABLE).filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('answers /health, the probes and the sign-in settings to anyone, with or without a token, and tells only signed-in callers the details', async () => {
    for (const probe of ['/health/live', '/health/ready', '/auth/config']) {
      await running.anonymous.get(probe).expect(200);
      await running.anonymous.get(probe).set('Authorization', `Bearer ${refused.expired}`).expect(200);
    }
    const anonymous = await running.anonymous.get('/health').expect(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    for (const token of Object.values(refused)) {
      const res = await running.anonymous.get('/health').set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.body).toEqual({ status: 'ok' });
    }
    const viewer = await clients.viewer.get('/health').expect(200);
    expect(viewer.body).toMatchObject({
      status: 'ok',
      eventStore: running.config.eventStore,
      headPosition: expect.any(Number),
    });
  });

  describe.each(Object.keys(TABLE))('%s', (key) => {
    const { allowed, outOfScope } = TABLE[key];

    it('is 401 UNAUTHENTICATED without a valid bearer token, and appends nothing', async () => {
      const failures: string[] = [];
      const cases: [string, string | undefined][] = [
        ['no Authorization header', undefined],
        ['Basic credentials', 'Basic YWRtaW46YWRtaW4='],
        ...Object.entries(refused).map(([name, token]): [string, string] => [`${name} token`, `Bearer ${token}`]),
      ];
      for (const [name, authorization] of cases) {
        const request = await ROUTES[key]('in', running.http);
        const { res, problems } = await refusedWith(running.anonymous, request, 401, 'UNAUTHENTICATED', authorization);
        if (problems.length === 0 && !/^Bearer\b/.test(String(res.headers['www-authenticate'])))
          problems.push('no challenge');
        if (problems.length > 0) failures.push(`${name}: ${problems.join(', ')}`);
      }
      expect(failures).toEqual([]);
    });

    it.each(['in', 'out'] as const)('answers each role as API.md says, on the %s-of-scope Pemda', async (target) => {
      const failures: string[] = [];
      for (const caller of ALL) {
        const request = await ROUTES[key](target, running.http);
        const client = clients[caller];
        const problem = await check(client, request, caller, target);
        if (problem !== null) failures.push(`${caller}: ${problem}`);
      }
      expect(failures).toEqual([]);
    });

    async function check(client: Http, request: RouteRequest, caller: Caller, target: Target): Promise<string | null> {
      if (!allowed.includes(caller) || (outOfScope === 'refused' && !COVERS(caller, target))) {
        const { problems } = await refusedWith(client, request, 403, 'FORBIDDEN');
        return problems.length === 0 ? null : `expected 403 FORBIDDEN, got ${problems.join(', ')}`;
      }
      const res = await send(client, request);
      const visible = COVERS(caller, target);
      if (key === 'GET /members/{nik}' && !visible) {
        return res.status === 404 && res.body.code === 'MEMBER_NOT_FOUND' ? null : `expected 404, got ${res.status}`;
      }
      const other = ALLOWED_ANSWER[key];
      if (other !== undefined) {
        return res.status === other.status && res.body.code === other.code
          ? null
          : `expected ${other.status} ${other.code}, got ${res.status} ${JSON.stringify(res.body)}`;
      }
      const success = request.method === 'post' ? 201 : 200;
      if (res.status !== success) return `expected ${success}, got ${res.status} ${JSON.stringify(res.body)}`;
      if (outOfScope === 'filtered' && SHOWS[key](res.body, target) !== visible) {
        return visible ? 'shows nothing of its scope' : `shows the other Pemda: ${JSON.stringify(res.body)}`;
      }
      return null;
    }
  });

  it('acts for the token subject in the role it acted in, whatever X-Actor says', async () => {
    const request = await ROUTES['POST /agreements/{id}/premium-payments']('in', running.http);
    const res = await send(clients.finance.set('X-Actor', 'kepala-dinas'), request);
    expect(res.status).toBe(201);
    const events = await running.http
      .get(`/agreements/${WORLD.in.main}/events`)
      .query({ fromVersion: res.body.version });
    expect(events.body.items[0].metadata).toMatchObject({ actor: 'bendahara@ntt', role: 'finance' });
  });
});
