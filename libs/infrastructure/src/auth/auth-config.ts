import { dirname, join, resolve } from 'node:path';

/** Where the claims of API.md sit in an issuer's tokens: dotted paths, e.g. `realm_access.roles` for Keycloak. */
export interface ClaimPaths {
  readonly roles: string;
  readonly regions: string;
  readonly branches: string;
}

/**
 * How the dashboard signs a user in at the OIDC issuer: the authorization code flow with PKCE, run in the browser
 * as the public client `clientId` (no secret: a page cannot keep one), asking for `scope` (always with `openid`).
 */
export interface BrowserSignIn {
  readonly clientId: string;
  readonly scope: string;
}

/**
 * Who signs the tokens the service accepts. `embedded`: the service itself, with an Ed25519 key generated at
 * first start and kept beside the data (`npm run cli -- token` signs with it). `oidc`: an OpenID Connect issuer
 * (Keycloak and the like), whose keys are fetched from its JWKS.
 */
export type AuthConfig =
  | {
      readonly mode: 'embedded';
      readonly keyPath: string;
      readonly issuer: string;
      readonly audience: string;
      readonly claims: ClaimPaths;
      readonly clockToleranceSeconds: number;
    }
  | {
      readonly mode: 'oidc';
      readonly issuer: string;
      readonly audience: string;
      readonly jwksUrl: string;
      readonly claims: ClaimPaths;
      readonly clockToleranceSeconds: number;
      /** Set with AUTH_CLIENT_ID: the dashboard then offers to sign in at the issuer. */
      readonly browserSignIn?: BrowserSignIn;
    };

/** The issuer and audience of the tokens the embedded key signs. */
export const EMBEDDED_ISSUER = 'pks-ledger';
export const EMBEDDED_AUDIENCE = 'pks-ledger';

export const DEFAULT_CLAIM_PATHS: ClaimPaths = { roles: 'roles', regions: 'regions', branches: 'branches' };

/** The file beside the event store where the embedded signing key lives by default. */
export const SIGNING_KEY_FILE = 'token-signing-key.json';

/** AUTH_* variables; `dataFiles` are the store's files, which the key may never be (nor sit inside). */
export function authConfig(env: NodeJS.ProcessEnv, sqlitePath: string, dataFiles: readonly string[]): AuthConfig {
  const claims: ClaimPaths = {
    roles: env.AUTH_ROLES_CLAIM || DEFAULT_CLAIM_PATHS.roles,
    regions: env.AUTH_REGIONS_CLAIM || DEFAULT_CLAIM_PATHS.regions,
    branches: env.AUTH_BRANCHES_CLAIM || DEFAULT_CLAIM_PATHS.branches,
  };
  const clockToleranceSeconds = seconds(env.AUTH_CLOCK_TOLERANCE_SECONDS, 30);
  if (env.AUTH_ISSUER) {
    const { AUTH_AUDIENCE: audience, AUTH_JWKS_URL: jwksUrl } = env;
    if (!audience || !jwksUrl) throw new Error('AUTH_ISSUER needs AUTH_AUDIENCE and AUTH_JWKS_URL');
    if (!/^https?:\/\//.test(jwksUrl)) throw new Error('AUTH_JWKS_URL must be an http(s) URL');
    const browserSignIn = browserSignInOf(env, env.AUTH_ISSUER);
    return {
      mode: 'oidc',
      issuer: env.AUTH_ISSUER,
      audience,
      jwksUrl,
      claims,
      clockToleranceSeconds,
      ...(browserSignIn ? { browserSignIn } : {}),
    };
  }
  if (env.AUTH_CLIENT_ID) throw new Error('AUTH_CLIENT_ID needs AUTH_ISSUER (the issuer the dashboard signs in at)');
  const keyPath = env.AUTH_KEY_PATH || join(dirname(sqlitePath), SIGNING_KEY_FILE);
  if (dataFiles.some((file) => file !== ':memory:' && resolve(file) === resolve(keyPath))) {
    throw new Error('AUTH_KEY_PATH must not be a file of the event store or of the read models');
  }
  return {
    mode: 'embedded',
    keyPath,
    issuer: EMBEDDED_ISSUER,
    audience: EMBEDDED_AUDIENCE,
    claims: DEFAULT_CLAIM_PATHS,
    clockToleranceSeconds,
  };
}

/**
 * AUTH_CLIENT_ID and AUTH_SCOPES. The page finds the issuer's endpoints at `<issuer>/.well-known/openid-configuration`,
 * so the issuer must be a URL; `openid` must be asked for, or no ID token (and no nonce) would come back.
 */
function browserSignInOf(env: NodeJS.ProcessEnv, issuer: string): BrowserSignIn | undefined {
  const clientId = env.AUTH_CLIENT_ID;
  if (!clientId) return undefined;
  if (!/^https?:\/\/[^/?#]+/.test(issuer) || /[?#]/.test(issuer)) {
    throw new Error('AUTH_CLIENT_ID needs AUTH_ISSUER to be an http(s) URL without query or fragment');
  }
  const scope = (env.AUTH_SCOPES || 'openid').trim().split(/\s+/).join(' ');
  if (!scope.split(' ').includes('openid')) throw new Error('AUTH_SCOPES must include openid');
  return { clientId, scope };
}

function seconds(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,4}$/.test(value)) throw new Error(`AUTH_CLOCK_TOLERANCE_SECONDS must be whole seconds, not "${value}"`);
  return Number(value);
}
