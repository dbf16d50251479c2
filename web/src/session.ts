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

export function token(): string | null {
  return sessionStorage.getItem(KEY);
}

export function signIn(value: string): void {
  sessionStorage.setItem(KEY, value.trim().replace(/^Bearer\s+/i, ''));
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** The token's claims when it is a JWT; empty for anything else. */
export function claims(): Claims {
  const value = token();
  return value === null ? {} : (jwtPayload(value) as Claims);
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
