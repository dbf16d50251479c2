/**
 * Who is signed in: a bearer token pasted in (from `npm run cli -- token`) or obtained from the OIDC issuer.
 * Kept for the tab only (sessionStorage), never in localStorage: a shared computer forgets it with the tab.
 * The claims are read for the page's own use (what to offer); the API checks the token, the page never trusts it.
 */
export interface Claims {
  readonly sub?: string;
  readonly roles?: readonly string[];
  readonly regions?: readonly string[];
  readonly branches?: readonly string[];
  readonly exp?: number;
}

const KEY = 'pks-dashboard-token';
const PATHS_KEY = 'pks-dashboard-claim-paths';

/** Where the roles and scopes sit in the tokens (`GET /auth/config`'s `claims`): dotted paths. */
export interface ClaimPaths {
  readonly roles: string;
  readonly regions: string;
  readonly branches: string;
}

const TOP_LEVEL: ClaimPaths = { roles: 'roles', regions: 'regions', branches: 'branches' };

/** Kept for the tab, like the token: an issuer's return to the page reloads it. */
export function rememberClaimPaths(paths: ClaimPaths | undefined): void {
  if (paths) sessionStorage.setItem(PATHS_KEY, JSON.stringify(paths));
}

function claimPaths(): ClaimPaths {
  try {
    return { ...TOP_LEVEL, ...(JSON.parse(sessionStorage.getItem(PATHS_KEY) ?? '{}') as Partial<ClaimPaths>) };
  } catch {
    return TOP_LEVEL;
  }
}

/** The value at a dotted path of the payload, when it is a list of strings. */
function listAt(payload: Record<string, unknown>, path: string): readonly string[] | undefined {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

export function token(): string | null {
  return sessionStorage.getItem(KEY);
}

export function signIn(value: string): void {
  sessionStorage.setItem(KEY, value.trim().replace(/^Bearer\s+/i, ''));
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** The token's claims when it is a JWT, its roles and scopes read where the API reads them; empty otherwise. */
export function claims(): Claims {
  const value = token();
  if (value === null) return {};
  const payload = jwtPayload(value);
  const paths = claimPaths();
  return {
    sub: typeof payload.sub === 'string' ? payload.sub : undefined,
    exp: typeof payload.exp === 'number' ? payload.exp : undefined,
    roles: listAt(payload, paths.roles),
    regions: listAt(payload, paths.regions),
    branches: listAt(payload, paths.branches),
  };
}

/** The payload of a JWT, unverified (the page only reads it); empty when it is not one. */
export function jwtPayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return {};
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The roles whose users may read the event history of an agreement (API.md "Access"). */
const HISTORY_ROLES = new Set(['admin', 'auditor', 'branch-officer', 'finance']);

/** Whether to offer the audit history: a viewer's token may not read it (the API would answer 403). */
export function mayReadHistory(): boolean {
  const roles = claims().roles;
  return roles === undefined || roles.some((role) => HISTORY_ROLES.has(role));
}
