import { jwtPayload, signIn } from '../session';
import { discover } from './discovery';
import { randomText, s256 } from './pkce';
import { SignInFailure } from './sign-in-failure';

/** The issuer sign-in the service offers (`GET /auth/config`, its `oidc`). */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

/** What one sign-in must find again when the issuer sends the browser back; kept for this tab only. */
interface Pending {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly tokenEndpoint: string;
  readonly returnTo: string;
}

const PENDING = 'pks-oidc-pending';
/** Clock skew allowed on the ID token's `exp`: the user's computer may be a few minutes off. */
const SKEW_SECONDS = 300;

/**
 * Starts the authorization code flow with PKCE (S256): a fresh state, nonce and code_verifier are kept in the
 * tab, and the browser goes to the issuer's authorization endpoint. The page comes back at this same address.
 */
export async function beginOidcSignIn(settings: OidcSettings): Promise<void> {
  if (!window.isSecureContext) throw new SignInFailure('insecureContext');
  const endpoints = await discover(settings.issuer);
  const pending: Pending = {
    state: randomText(16),
    nonce: randomText(16),
    verifier: randomText(32),
    issuer: settings.issuer,
    clientId: settings.clientId,
    redirectUri: `${location.origin}${location.pathname}`,
    tokenEndpoint: endpoints.token,
    returnTo: location.hash,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(endpoints.authorization);
  const query = {
    response_type: 'code',
    client_id: pending.clientId,
    redirect_uri: pending.redirectUri,
    scope: settings.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await s256(pending.verifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  location.assign(url.href);
}

/** Whether this page load is the issuer's answer to a sign-in (`?code=…&state=…`, or `?error=…`). */
export function isOidcCallback(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has('code') || params.has('error');
}

/**
 * Completes the sign-in the issuer answered: the state must be the one this tab sent (else the answer belongs to
 * another sign-in, perhaps an attacker's, and its code is never exchanged); the code is exchanged with the
 * code_verifier; the ID token must carry the nonce sent. Its access token is then the bearer token.
 */
export async function completeOidcSignIn(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const pending = takePending();
  // The code leaves the address bar (history, bookmarks, screenshots) whatever happens next; it is single-use.
  history.replaceState(null, '', `${location.pathname}${pending?.returnTo ?? location.hash}`);
  if (pending === null || params.get('state') !== pending.state) throw new SignInFailure('stateMismatch');
  // RFC 9207: an issuer that names itself in the answer must be the one asked.
  const iss = params.get('iss');
  if (iss !== null && iss !== pending.issuer) throw new SignInFailure('stateMismatch', `iss ${iss}`);
  const error = params.get('error');
  if (error !== null) throw new SignInFailure('providerRefused', said(error, params.get('error_description')));
  const tokens = await exchange(pending, params.get('code') ?? '');
  checkIdToken(tokens.idToken, pending);
  signIn(tokens.accessToken);
}

function takePending(): Pending | null {
  const stored = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  try {
    return stored === null ? null : (JSON.parse(stored) as Pending);
  } catch {
    return null;
  }
}

/** The token request of RFC 6749 §4.1.3 with the code_verifier of RFC 7636 §4.5, as a public client. */
async function exchange(pending: Pending, code: string): Promise<{ accessToken: string; idToken: string }> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: pending.clientId,
    code_verifier: pending.verifier,
  });
  let response: Response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
    });
  } catch {
    throw new SignInFailure('tokenEndpointUnreachable', pending.tokenEndpoint);
  }
  const body = ((await response.json().catch(() => null)) ?? {}) as Record<string, unknown>;
  if (!response.ok) {
    const error = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    throw new SignInFailure('tokenEndpointRefused', said(error, body.error_description));
  }
  const { access_token: accessToken, id_token: idToken, token_type: type } = body;
  if (typeof accessToken !== 'string' || typeof idToken !== 'string' || String(type).toLowerCase() !== 'bearer')
    throw new SignInFailure('tokenEndpointRefused', 'no bearer access_token and id_token');
  return { accessToken, idToken };
}

/**
 * OpenID Connect Core §3.1.3.7. The ID token came straight from the token endpoint over TLS, which the spec lets
 * stand in for its signature; the API verifies the signature of the access token it is sent, every time.
 */
function checkIdToken(idToken: string, pending: Pending): void {
  const claims = jwtPayload(idToken);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const now = Math.floor(Date.now() / 1000);
  const fits =
    claims.iss === pending.issuer &&
    audiences.includes(pending.clientId) &&
    (audiences.length === 1 || claims.azp === pending.clientId) &&
    typeof claims.exp === 'number' &&
    claims.exp + SKEW_SECONDS > now;
  if (!fits) throw new SignInFailure('idTokenRefused');
  if (claims.nonce !== pending.nonce) throw new SignInFailure('nonceMismatch');
}

function said(error: string, description: unknown): string {
  return typeof description === 'string' && description !== '' ? `${error}: ${description}` : error;
}
