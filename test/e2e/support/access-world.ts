import type { Http } from './app';
import type { TestIdentity } from './tokens';
import {
  cohortBody,
  deathBody,
  effectiveDateBody,
  extensionBody,
  niks,
  otherAgreementBody,
  paymentBody,
} from './bodies';
import { eventually } from './ledger';

/**
 * Two Pemda for the access e2e suites: Sumba Barat Daya (53.18, branch SUMBA), in the scope of the callers the
 * suites give scopes, and Tana Toraja (73.26, branch TORAJA), outside it. Each has a main agreement (60
 * members, a payment, a death) and a twin of the same Pemda and branch sharing one worker (double funding).
 */
export type Target = 'in' | 'out';

/** The callers of the access suites: an admin, and each role with a scope covering the "in" Pemda or none. */
export type Caller = 'admin' | 'officer' | 'finance' | 'auditor-53' | 'auditor' | 'viewer';

export const CALLERS: Readonly<Record<Caller, TestIdentity>> = {
  admin: { sub: 'admin@bpjs', roles: ['admin'] },
  officer: { sub: 'officer@kc-sumba', roles: ['branch-officer'], branches: ['SUMBA'] },
  finance: { sub: 'bendahara@ntt', roles: ['finance'], regions: ['53'] },
  'auditor-53': { sub: 'auditor@bpk-ntt', roles: ['auditor'], regions: ['53'] },
  auditor: { sub: 'auditor@bpk', roles: ['auditor'] },
  viewer: { sub: 'dasbor@kemnaker', roles: ['viewer'] },
};

/** Who covers which Pemda: the scoped callers cover Sumba Barat Daya (53.18, SUMBA) only. */
export const COVERS = (caller: Caller, target: Target) =>
  target === 'in' || ['admin', 'auditor', 'viewer'].includes(caller);

export const ALL: readonly Caller[] = ['admin', 'officer', 'finance', 'auditor-53', 'auditor', 'viewer'];
export const NOT_VIEWER = ALL.filter((c) => c !== 'viewer');

export interface Pemda {
  readonly regionCode: string;
  readonly province: string;
  readonly branch: string;
  readonly prefix: string;
  readonly main: string;
  readonly twin: string;
  /** Members of the main agreement; [0] died, [1] is also in the twin. */
  readonly members: readonly string[];
}

const place = (regionCode: string) => `${regionCode.replace('.', '')}01`;

export const WORLD: Readonly<Record<Target, Pemda>> = {
  in: pemda('53.18', 'SUMBA', 'sbd-access'),
  out: pemda('73.26', 'TORAJA', 'toraja-access'),
};

function pemda(regionCode: string, branch: string, prefix: string): Pemda {
  return {
    regionCode,
    province: regionCode.slice(0, 2),
    branch,
    prefix,
    main: `${prefix}-01`,
    twin: `${prefix}-02`,
    members: niks(60, 0, place(regionCode)),
  };
}

/** A SignAgreement body for an agreement of this Pemda, with a ceiling no test reaches. */
export function agreementOf(pemda: Pemda, agreementId: string) {
  return otherAgreementBody(agreementId, pemda.regionCode, 0, {
    branch: { code: pemda.branch, name: `Kantor Cabang ${pemda.branch}` },
    funding: { source: 'APBD', budget: 10_000_000_000 },
  });
}

/** Builds both Pemda's agreements as an admin, and waits until the read models hold everything. */
export async function buildWorld(admin: Http): Promise<void> {
  for (const pemda of Object.values(WORLD)) {
    const post = async (path: string, body: object) => {
      const res = await admin.post(path).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { position: number };
    };
    await post('/agreements', agreementOf(pemda, pemda.main));
    await post(`/agreements/${pemda.main}/cohorts`, cohortBody(pemda.members));
    await post(
      `/agreements/${pemda.main}/premium-payments`,
      paymentBody(`sp2d-${pemda.prefix}`, { amount: 1_000_000 }),
    );
    await post(`/agreements/${pemda.main}/death-benefits`, deathBody(pemda.members[0]));
    await post('/agreements', agreementOf(pemda, pemda.twin));
    const last = await post(`/agreements/${pemda.twin}/cohorts`, cohortBody([pemda.members[1]], { cohortId: 'kader' }));
    await eventually(
      async () => (await admin.get('/health')).body.readModelPosition as number,
      (applied) => applied >= last.position,
    );
  }
}

export interface RouteRequest {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly body?: object;
  /** The agreement whose stream a refused command must leave untouched. */
  readonly agreementId?: string;
}

let serial = 0;
const counters = new Map<string, number>();

/** 1, 2, 3... for each kind of request and target: the n-th extension, the n-th death of a Pemda. */
function next(kind: string, t: Target): number {
  const n = (counters.get(`${kind} ${t}`) ?? 0) + 1;
  counters.set(`${kind} ${t}`, n);
  return n;
}

/** A request of each route of the API on the target's Pemda; commands come with fresh ids every time. */
export const ROUTES: Readonly<Record<string, (target: Target, admin: Http) => Promise<RouteRequest> | RouteRequest>> = {
  'GET /health': () => ({ method: 'get', path: '/health' }),
  'GET /health/live': () => ({ method: 'get', path: '/health/live' }),
  'GET /health/ready': () => ({ method: 'get', path: '/health/ready' }),
  'GET /metrics': () => ({ method: 'get', path: '/metrics' }),
  'GET /auth/config': () => ({ method: 'get', path: '/auth/config' }),
  'POST /agreements': (t) => {
    const agreementId = `${WORLD[t].prefix}-sign-${++serial}`;
    return { method: 'post', path: '/agreements', body: agreementOf(WORLD[t], agreementId), agreementId };
  },
  'POST /agreements/{id}/cohorts': (t) =>
    command(t, '/cohorts', cohortBody(fresh(t, 2), { cohortId: `cohort-${++serial}` })),
  'POST /agreements/{id}/cohorts/{cohortId}/members': (t) =>
    command(t, '/cohorts/berkah-nelayan/members', { members: cohortBody(fresh(t, 2)).members }),
  'POST /agreements/{id}/extensions': (t) => command(t, '/extensions', extensionBody(`${2025 + next('end', t)}-12-31`)),
  'POST /agreements/{id}/death-benefits': (t) =>
    command(t, '/death-benefits', deathBody(WORLD[t].members[9 + next('death', t)])),
  'POST /agreements/{id}/premium-payments': (t) =>
    command(t, '/premium-payments', paymentBody(`sp2d-${t}-${++serial}`, { amount: 1_000 })),
  'POST /agreements/{id}/premium-payments/{paymentId}/reversal': async (t, admin) => {
    // Its own payment each time: a reversed payment cannot be reversed again.
    const paymentId = `sp2d-${t}-rev-${++serial}`;
    await admin
      .post(`/agreements/${WORLD[t].main}/premium-payments`)
      .send(paymentBody(paymentId, { amount: 1_000 }))
      .expect(201);
    return command(t, `/premium-payments/${paymentId}/reversal`, {
      reason: 'SP2D dibatalkan',
      reversedOn: '2025-11-02',
    });
  },
  'POST /agreements/{id}/members/{nik}/corrections': (t) =>
    // A name it has not had yet each time: a correction that changes nothing records nothing.
    command(t, `/members/${WORLD[t].members[55]}/corrections`, { name: `Koreksi ${++serial}`, reason: 'sesuai KTP' }),
  'POST /agreements/{id}/members/{nik}/withdrawal': (t) => {
    const member = WORLD[t].members[29 + next('withdrawal', t)];
    return command(t, `/members/${member}/withdrawal`, effectiveDateBody('2025-12-01'));
  },
  'POST /agreements/{id}/termination': async (t, admin) => {
    // Its own agreement each time: a terminated agreement takes no other command.
    const agreementId = `${WORLD[t].prefix}-term-${++serial}`;
    await admin.post('/agreements').send(agreementOf(WORLD[t], agreementId)).expect(201);
    return {
      method: 'post',
      path: `/agreements/${agreementId}/termination`,
      body: effectiveDateBody('2025-12-01'),
      agreementId,
    };
  },
  'GET /agreements': (t) => ({ method: 'get', path: '/agreements', query: { regionCode: WORLD[t].province } }),
  'GET /agreements/{id}': (t) => ({ method: 'get', path: `/agreements/${WORLD[t].main}` }),
  'GET /agreements/{id}/events': (t) => ({ method: 'get', path: `/agreements/${WORLD[t].main}/events` }),
  'GET /agreements/{id}/state': (t) => ({
    method: 'get',
    path: `/agreements/${WORLD[t].main}/state`,
    query: { version: '2' },
  }),
  'GET /agreements/{id}/coverage': (t) => ({ method: 'get', path: `/agreements/${WORLD[t].main}/coverage` }),
  'GET /agreements/{id}/premiums': (t) => ({ method: 'get', path: `/agreements/${WORLD[t].main}/premiums` }),
  'GET /agreements/{id}/premium-payments': (t) => ({
    method: 'get',
    path: `/agreements/${WORLD[t].main}/premium-payments`,
  }),
  'GET /agreements/{id}/members': (t) => ({ method: 'get', path: `/agreements/${WORLD[t].main}/members` }),
  'GET /reconciliation/premiums': (t) => ({
    method: 'get',
    path: '/reconciliation/premiums',
    query: { regionCode: WORLD[t].province, year: '2025' },
  }),
  'GET /coverage': (t) => ({ method: 'get', path: '/coverage', query: { ...SERIES, regionCode: WORLD[t].province } }),
  'GET /benefits': (t) => ({ method: 'get', path: '/benefits', query: { regionCode: WORLD[t].province } }),
  'GET /reconciliation/double-funding': (t) => ({
    method: 'get',
    path: '/reconciliation/double-funding',
    query: { regionCode: WORLD[t].province },
  }),
  'GET /members/{nik}': (t) => ({ method: 'get', path: `/members/${WORLD[t].members[1]}` }),
  'GET /read-models/status': () => ({ method: 'get', path: '/read-models/status' }),
  // The whole ledger's log: no Pemda's in particular. Sizes the world's events cover, whatever head is signed.
  'GET /ledger/tree-head': () => ({ method: 'get', path: '/ledger/tree-head' }),
  'GET /ledger/proofs/inclusion': () => ({
    method: 'get',
    path: '/ledger/proofs/inclusion',
    query: { position: '2', treeSize: '5' },
  }),
  'GET /ledger/proofs/consistency': () => ({
    method: 'get',
    path: '/ledger/proofs/consistency',
    query: { from: '3', to: '8' },
  }),
};

const SERIES = { from: '2025-10-01', to: '2025-12-31', interval: 'month' };

/**
 * Whether a list or region answer shows anything of the target's Pemda: what its scope filters. Lists of
 * every route that filters instead of refusing.
 */
export const SHOWS: Readonly<Record<string, (body: any, t: Target) => boolean>> = {
  'GET /agreements': (body, t) => body.items.some((a: { agreementId: string }) => a.agreementId === WORLD[t].main),
  'GET /coverage': (body) => body.series.some((p: { coveredMembers: number }) => p.coveredMembers > 0),
  'GET /benefits': (body) => body.items.length > 0 && body.totals.count > 0,
  'GET /reconciliation/double-funding': (body) => body.items.length > 0 && body.totals.count > 0,
  'GET /reconciliation/premiums': (body) => body.agreements.length > 0 && body.expected > 0,
  'GET /members/{nik}': (body) => body.agreements?.length > 0,
};

function command(t: Target, tail: string, body: object): RouteRequest {
  return { method: 'post', path: `/agreements/${WORLD[t].main}${tail}`, body, agreementId: WORLD[t].main };
}

/** NIKs never enrolled before, of the target's Pemda. */
function fresh(t: Target, count: number): string[] {
  return niks(count, 1_000 + 10 * ++serial, place(WORLD[t].regionCode));
}
