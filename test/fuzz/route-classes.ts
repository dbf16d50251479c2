import { ANY, refuse, type CaseDraft, type ClassContext, type FuzzClass } from './class-kit';
import { chance, int, pick } from './draw';
import type { RequestPlan } from './fuzz-request';
import { methodsAt } from './openapi-routes';

/** Requests to no documented route, or with a method the route does not take; and the valid share. */

const SEGMENTS = [
  'agreements',
  'coverage',
  'benefits',
  'members',
  'health',
  'events',
  'state',
  'admin',
  'api',
  'v1',
  'x',
  'index.html',
  '.env',
  'wp-login.php',
  'sbd-2025-pks-01',
  '5318014107900001',
  'read-models',
  'ledger',
  'tree-head',
  'reconciliation',
  'premiums',
  'cohorts',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Served by the documentation UI, outside the API's routes. */
const DOCS = /^\/docs/i;

function plain(method: string, path: string, withBody: boolean): RequestPlan {
  return { method, template: path, pathParams: {}, query: [], headers: {}, body: withBody ? { x: 1 } : undefined };
}

export const unknownRoutes: FuzzClass = {
  name: 'unknown-routes',
  weight: 3,
  routeIndependent: true,
  appliesTo: () => false,
  async build(ctx, _, g) {
    for (;;) {
      const path = `/${Array.from({ length: int(g, 1, 4) }, () => pick(g, SEGMENTS)).join('/')}`;
      if (DOCS.test(path) || methodsAt(ctx.routes, path).size > 0) continue;
      const method = pick(g, METHODS);
      const plan = plain(method, path, method !== 'GET' && chance(g, 0.5));
      return { variant: `${method} unknown path`, where: 'path', plan, expect: refuse([404], ['NOT_FOUND']) };
    }
  },
};

/** Plausible values for the parameters of a documented path, so that only the method is wrong. */
const SAMPLE_PARAMS: Readonly<Record<string, string>> = {
  id: 'sbd-2025-pks-01',
  cohortId: 'berkah-nelayan',
  nik: '5318014107900001',
  paymentId: 'sp2d-0001',
};

export const wrongMethods: FuzzClass = {
  name: 'wrong-methods',
  weight: 3,
  routeIndependent: true,
  appliesTo: () => false,
  async build(ctx, _, g) {
    const paths = [...new Set(ctx.routes.map((r) => r.path))];
    for (;;) {
      const template = pick(g, paths);
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'sample');
      const allowed = methodsAt(ctx.routes, path);
      const method = pick(g, METHODS);
      if (allowed.has(method)) continue;
      const plan = plain(method, path, method !== 'GET' && chance(g, 0.5));
      return {
        variant: `${method} on ${[...allowed].join('/')} route`,
        where: template,
        plan,
        expect: refuse([405], ['METHOD_NOT_ALLOWED']),
      };
    }
  },
};

const COMMAND_HEADERS = ['If-Match', 'Idempotency-Key'];

export const valid: FuzzClass = {
  name: 'valid',
  weight: 20,
  appliesTo: () => true,
  async build(ctx, route, g) {
    const plan = await ctx.validPlan(route!, ctx.valid, g);
    const documented = new Set(route!.headers.map((h) => h.name));
    if (!COMMAND_HEADERS.every((h) => documented.has(h)) || !chance(g, 0.4)) {
      return { variant: 'documented body', where: '(request)', plan, expect: { outcome: 'accept' } };
    }
    return chance(g, 0.5) ? replay(ctx, plan) : await withIfMatch(ctx, plan);
  },
};

/** The same command twice with one Idempotency-Key: the case is the retry, answered again without appending. */
function replay(ctx: ClassContext, plan: RequestPlan): CaseDraft {
  const keyed = { ...plan, headers: { ...plan.headers, 'Idempotency-Key': ctx.valid.freshId('retry') } };
  return {
    variant: 'idempotent retry',
    where: 'header Idempotency-Key',
    plan: keyed,
    prelude: keyed,
    expect: { outcome: 'accept' },
  };
}

/** If-Match with the version the agreement is at when the command is built. */
async function withIfMatch(ctx: ClassContext, plan: RequestPlan): Promise<CaseDraft> {
  const id = plan.pathParams.id;
  if (id === undefined)
    return {
      variant: 'If-Match "0" on a new agreement',
      where: 'header If-Match',
      plan: { ...plan, headers: { ...plan.headers, 'If-Match': '"0"' } },
      expect: { outcome: 'accept' },
    };
  const version = await ctx.valid.versionOf(id);
  const headers = { ...plan.headers, 'If-Match': `"${version}"` };
  return {
    variant: 'If-Match of the current version',
    where: 'header If-Match',
    plan: { ...plan, headers },
    expect: version === null ? ANY : { outcome: 'accept' },
  };
}
