import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the test provider checks and answers, as a strict provider (Keycloak and the like) would. */

/** The dashboard's public client at the provider, and the audience of the access tokens it gives the API. */
export const CLIENT_ID = 'pks-dashboard';
export const AUDIENCE = 'pks-ledger-api';

/** A code the authorization endpoint gave, as the token endpoint finds it again. */
export interface Grant {
  readonly challenge: string;
  readonly nonce: string;
  readonly redirectUri: string;
  used: boolean;
}

/** An OAuth error answer of the token endpoint (RFC 6749 §5.2). */
export interface TokenError {
  readonly status: number;
  readonly error: string;
  readonly description: string;
}

/** base64url(SHA-256(verifier)): the S256 code_challenge of RFC 7636. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The discovery document (OpenID Connect Discovery 1.0), Keycloak's endpoint paths. */
export function discoveryDocument(issuer: string) {
  const endpoint = (name: string) => `${issuer}/protocol/openid-connect/${name}`;
  return {
    issuer,
    authorization_endpoint: endpoint('auth'),
    token_endpoint: endpoint('token'),
    jwks_uri: endpoint('certs'),
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    id_token_signing_alg_values_supported: ['RS256'],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
  };
}

/** Why the authorization endpoint refuses a request (null: it does not). */
export function authorizationProblem(q: Record<string, string>, redirectUris: ReadonlySet<string>): string | null {
  if (q.client_id !== CLIENT_ID) return 'unknown client_id';
  if (!redirectUris.has(q.redirect_uri)) return `redirect_uri not registered: ${q.redirect_uri}`;
  if (q.response_type !== 'code') return 'response_type must be code';
  if (q.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? ''))
    return 'PKCE with S256 is required';
  if (!(q.scope ?? '').split(' ').includes('openid')) return 'scope must include openid';
  if (!q.state || !q.nonce) return 'state and nonce are required';
  return null;
}

/** Why the token endpoint refuses a code (null: it does not); the code_verifier must answer its challenge. */
export function tokenProblem(form: URLSearchParams, grant: Grant | undefined, verified: boolean): TokenError | null {
  const invalid = (description: string) => ({ status: 400, error: 'invalid_grant', description });
  if (form.get('grant_type') !== 'authorization_code')
    return { status: 400, error: 'unsupported_grant_type', description: 'authorization_code only' };
  if (form.get('client_id') !== CLIENT_ID) return { status: 401, error: 'invalid_client', description: 'unknown' };
  if (grant === undefined || grant.used) return invalid('unknown or used code');
  if (form.get('redirect_uri') !== grant.redirectUri) return invalid('redirect_uri differs');
  if (!verified) return invalid('PKCE verification failed: code_verifier does not match code_challenge');
  return null;
}

export function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
