import { SignInFailure } from './sign-in-failure';

/** The endpoints of the issuer the page uses, from its discovery document. */
export interface IssuerEndpoints {
  readonly authorization: string;
  readonly token: string;
}

/**
 * `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0). Its `issuer` must be the configured
 * one, exactly (§4.3: else another provider's endpoints could be passed off as this one's). The token endpoint
 * must be on the issuer's origin: the page's Content-Security-Policy lets it fetch from there only.
 */
export async function discover(issuer: string): Promise<IssuerEndpoints> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const document = await fetchJson(url);
  if (document.issuer !== issuer) throw new SignInFailure('discoveryFailed', `issuer ${String(document.issuer)}`);
  const authorization = httpUrl(document.authorization_endpoint);
  const token = httpUrl(document.token_endpoint);
  if (authorization === null || token === null) throw new SignInFailure('discoveryFailed', url);
  if (new URL(token).origin !== new URL(issuer).origin)
    throw new SignInFailure('discoveryFailed', `token_endpoint ${token}`);
  const methods = document.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256'))
    throw new SignInFailure('discoveryFailed', 'code_challenge_methods_supported');
  return { authorization, token };
}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    const body: unknown = await response.json();
    if (response.ok && typeof body === 'object' && body !== null) return body as Record<string, unknown>;
  } catch {
    // Unreachable, refused by CORS or not JSON: the same to the user.
  }
  throw new SignInFailure('discoveryFailed', url);
}

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol) ? value : null;
  } catch {
    return null;
  }
}
