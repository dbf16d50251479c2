import type { Role } from '@pks/infrastructure';

/**
 * How a route's scope is checked (API.md "Access"):
 * - `agreement`: the agreement of the path's `{id}` must be in the scope of the role acted in (else 403);
 * - `signature`: the agreement a SignAgreement body describes (its Pemda's region, its branch) must be;
 * - `filtered`: a list or region query, answered within the scope (never a 403);
 * - `none`: nothing of an agreement is named; the role decides alone.
 */
export type ScopeCheck = 'agreement' | 'signature' | 'filtered' | 'none';

/**
 * What an answer tells of workers, for the access log of reads of personal data (never for a masked answer):
 * `workers`: the NIKs it names are logged; `history`: the agreement and the versions of its history it shows.
 */
export type AccessLogKind = 'workers' | 'history';

export interface ProtectedRoute {
  readonly public?: false;
  /** Roles that may call the route besides `admin`, which may call every route. */
  readonly roles: readonly Role[];
  readonly scope: ScopeCheck;
  readonly accessLog?: AccessLogKind;
  /** Requests counted per subject against the limits of the role acted in. */
  readonly rateLimit?: 'commands' | 'lookups';
}

/** A route anyone may call; a valid bearer token is still read (a signed-in caller may be told more). */
export interface PublicRoute {
  readonly public: true;
}

export type RouteAccess = ProtectedRoute | PublicRoute;

/** `GET /agreements/{id}`: the method and the OpenAPI path template, as the route table reads them. */
export type RouteKey = `${'GET' | 'POST'} /${string}`;

const PUBLIC: PublicRoute = { public: true };
const BRANCH_COMMAND: ProtectedRoute = { roles: ['branch-officer'], scope: 'agreement', rateLimit: 'commands' };
const FINANCE_COMMAND: ProtectedRoute = { roles: ['finance'], scope: 'agreement', rateLimit: 'commands' };
const EVERY_READER = ['branch-officer', 'finance', 'auditor', 'viewer'] as const;
/** Readers of workers' personal data in the clear: not `viewer` (dashboards), which sees aggregates. */
const PERSONAL_DATA_READERS = ['branch-officer', 'finance', 'auditor'] as const;
const AGREEMENT_READ: ProtectedRoute = { roles: EVERY_READER, scope: 'agreement' };
const LIST_READ: ProtectedRoute = { roles: EVERY_READER, scope: 'filtered' };
const OPERATIONS: ProtectedRoute = { roles: ['auditor'], scope: 'none' };

/**
 * Who may call what: one entry per route of the OpenAPI document, read by the one global guard. A route with no
 * entry is refused to everyone (403): adding a route means deciding here who may call it.
 */
export const ACCESS_POLICY: Readonly<Record<RouteKey, RouteAccess>> = {
  // Liveness for probes; a signed-in caller is told the details. Metrics guard themselves (METRICS_TOKEN).
  'GET /health': PUBLIC,
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  'GET /metrics': PUBLIC,
  // What the dashboard needs before anyone is signed in: how to sign in (no secret in it).
  'GET /auth/config': PUBLIC,
  // Commands: branch officers run an agreement's life, finance staff its money.
  'POST /agreements': { ...BRANCH_COMMAND, scope: 'signature' },
  'POST /agreements/{id}/cohorts': BRANCH_COMMAND,
  'POST /agreements/{id}/cohorts/{cohortId}/members': BRANCH_COMMAND,
  'POST /agreements/{id}/extensions': BRANCH_COMMAND,
  'POST /agreements/{id}/death-benefits': BRANCH_COMMAND,
  'POST /agreements/{id}/members/{nik}/withdrawal': BRANCH_COMMAND,
  'POST /agreements/{id}/members/{nik}/corrections': BRANCH_COMMAND,
  'POST /agreements/{id}/termination': BRANCH_COMMAND,
  'POST /agreements/{id}/premium-payments': FINANCE_COMMAND,
  'POST /agreements/{id}/premium-payments/{paymentId}/reversal': FINANCE_COMMAND,
  // Reads of one agreement, and lists and region reports filtered to the caller's scope.
  'GET /agreements': LIST_READ,
  'GET /agreements/{id}': AGREEMENT_READ,
  'GET /agreements/{id}/coverage': AGREEMENT_READ,
  'GET /agreements/{id}/premiums': AGREEMENT_READ,
  'GET /agreements/{id}/premium-payments': AGREEMENT_READ,
  'GET /coverage': LIST_READ,
  'GET /benefits': { ...LIST_READ, accessLog: 'workers' },
  'GET /reconciliation/double-funding': { ...LIST_READ, accessLog: 'workers' },
  'GET /reconciliation/premiums': LIST_READ,
  // The audit trail, an agreement's members and one worker: personal data in the clear, every read logged
  // (an export's a batch of rows at a time).
  'GET /agreements/{id}/members': { roles: PERSONAL_DATA_READERS, scope: 'agreement', accessLog: 'workers' },
  'GET /agreements/{id}/events': { roles: PERSONAL_DATA_READERS, scope: 'agreement', accessLog: 'history' },
  'GET /agreements/{id}/state': { roles: PERSONAL_DATA_READERS, scope: 'agreement', accessLog: 'history' },
  'GET /members/{nik}': {
    roles: PERSONAL_DATA_READERS,
    scope: 'filtered',
    accessLog: 'workers',
    rateLimit: 'lookups',
  },
  // Operations and the auditor's proofs.
  'GET /read-models/status': OPERATIONS,
  'GET /ledger/tree-head': OPERATIONS,
  'GET /ledger/proofs/inclusion': OPERATIONS,
  'GET /ledger/proofs/consistency': OPERATIONS,
};

/** The order in which a token's roles are tried: the first the route allows (and whose scope fits) is acted in. */
export const ROLE_ORDER: readonly Role[] = ['admin', 'branch-officer', 'finance', 'auditor', 'viewer'];

export function accessOf(key: string): RouteAccess | undefined {
  return Object.prototype.hasOwnProperty.call(ACCESS_POLICY, key) ? ACCESS_POLICY[key as RouteKey] : undefined;
}

/** The key of a route as Express matched it (`/agreements/:id`), HEAD answered as GET. */
export function routeKeyOf(method: string, expressPath: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${expressPath.replace(/:(\w+)/g, '{$1}')}`;
}
