import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import {
  AUDIENCE,
  authorizationProblem,
  bodyOf,
  CLIENT_ID,
  discoveryDocument,
  s256,
  tokenProblem,
  type Grant,
  type TokenError,
} from './oidc-provider-rules';

export { CLIENT_ID, s256 } from './oidc-provider-rules';

/** Who signs in at the provider, and what its access token says of them (the API's default claim paths). */
export interface ProviderUser {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly regions?: readonly string[];
}

/** A misbehaviour of the provider for the next sign-in only. */
export interface Twist {
  /** Sends back this state instead of the page's. */
  readonly state?: string;
  /** Puts this nonce in the ID token instead of the page's. */
  readonly nonce?: string;
  /** Binds the code to this code_challenge instead of the page's: a code injected from another sign-in. */
  readonly challenge?: string;
  /** The token endpoint answers this OAuth error. */
  readonly tokenError?: TokenError;
  /** The user declines: the authorization endpoint answers `error=access_denied`. */
  readonly deny?: boolean;
}

/** A token request the provider answered: whether the code_verifier answered the code's challenge. */
export interface Exchange {
  readonly verifier: string;
  readonly challenge: string;
  readonly verified: boolean;
  readonly status: number;
}

type Headers = Record<string, string>;

/**
 * An OpenID Connect provider served by the test on loopback, Keycloak-shaped (`/realms/pks/...`): discovery, an
 * authorization endpoint that signs `user` in at once and redirects back with a code, a token endpoint that
 * checks the code_verifier against the code's S256 challenge (RFC 7636 §4.6) and answers tokens signed with the
 * test's RS256 key, and the JWKS the API verifies them with. Only registered dashboards may read its answers.
 */
export class OidcProvider {
  user: ProviderUser = { sub: 'nobody', roles: [] };
  readonly seen = {
    authorizations: [] as Record<string, string>[],
    exchanges: [] as Exchange[],
    redirects: [] as string[],
  };
  readonly issued = { accessTokens: [] as string[], idTokens: [] as string[] };
  private readonly grants = new Map<string, Grant & { user: ProviderUser }>();
  private readonly redirectUris = new Set<string>();
  private next: Twist = {};

  private constructor(
    readonly issuer: string,
    private readonly server: Server,
    private readonly key: { privateKey: CryptoKey; jwk: JWK },
  ) {}

  static async start(): Promise<OidcProvider> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-1', alg: 'RS256', use: 'sig' };
    const holder: { provider?: OidcProvider } = {};
    const server = createServer((req, res) => void holder.provider?.route(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/pks`;
    holder.provider = new OidcProvider(issuer, server, { privateKey, jwk });
    return holder.provider;
  }

  /** The service's AUTH_* settings for this provider. */
  env(): Record<string, string> {
    return {
      AUTH_ISSUER: this.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_JWKS_URL: `${this.issuer}/protocol/openid-connect/certs`,
      AUTH_CLIENT_ID: CLIENT_ID,
      // Where Keycloak puts a realm's roles: the API and the page both read them there.
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    };
  }

  allowRedirect(uri: string): void {
    this.redirectUris.add(uri);
  }

  twist(next: Twist): void {
    this.next = next;
  }

  /** An access token for the API, as the token endpoint gives it (the roles nested, as Keycloak nests them). */
  accessToken(user: ProviderUser): Promise<string> {
    return this.sign({ realm_access: { roles: user.roles }, regions: user.regions ?? [] }, user.sub, AUDIENCE);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private sign(claims: Record<string, unknown>, sub: string, audience: string): Promise<string> {
    return new SignJWT({ ...claims, azp: CLIENT_ID })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.jwk.kid as string, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setSubject(sub)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(this.key.privateKey);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const cors = this.corsFor(req.headers.origin);
    const json = (status: number, body: object, headers: Headers = {}) =>
      void res.writeHead(status, { ...cors, ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
    const path = `${req.method} ${url.pathname.replace(/^\/realms\/pks/, '')}`;
    if (req.method === 'OPTIONS')
      return void res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST' }).end();
    if (path === 'GET /.well-known/openid-configuration') return json(200, discoveryDocument(this.issuer));
    if (path === 'GET /protocol/openid-connect/certs') return json(200, { keys: [this.key.jwk] });
    if (path === 'GET /protocol/openid-connect/auth') return this.authorize(url, res);
    if (path === 'POST /protocol/openid-connect/token') {
      const { status, body } = await this.token(new URLSearchParams(await bodyOf(req)));
      return json(status, body, { 'cache-control': 'no-store' });
    }
    res.writeHead(404).end();
  }

  /** Only the dashboards registered here may read its answers from a page (Keycloak's "web origins"). */
  private corsFor(origin: string | undefined): Headers {
    const known = origin !== undefined && [...this.redirectUris].some((uri) => new URL(uri).origin === origin);
    return known ? { 'access-control-allow-origin': origin, vary: 'origin' } : {};
  }

  private authorize(url: URL, res: ServerResponse): void {
    const q = Object.fromEntries(url.searchParams);
    this.seen.authorizations.push(q);
    const wrong = authorizationProblem(q, this.redirectUris);
    // A provider shows its own page for a bad request; it never redirects to an address it does not know.
    if (wrong !== null) return void res.writeHead(400, { 'content-type': 'text/plain' }).end(wrong);
    const { state, nonce, challenge, deny, tokenError } = this.next;
    this.next = { tokenError };
    const back = new URL(q.redirect_uri);
    if (deny) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'Pengguna menolak');
    } else {
      const code = randomBytes(16).toString('base64url');
      const grant = { challenge: challenge ?? q.code_challenge, nonce: nonce ?? q.nonce, redirectUri: q.redirect_uri };
      this.grants.set(code, { ...grant, user: this.user, used: false });
      back.searchParams.set('code', code);
    }
    back.searchParams.set('state', state ?? q.state);
    back.searchParams.set('iss', this.issuer);
    this.seen.redirects.push(back.href);
    res.writeHead(302, { location: back.href }).end();
  }

  private async token(form: URLSearchParams): Promise<{ status: number; body: object }> {
    const grant = this.grants.get(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const verified = grant !== undefined && s256(verifier) === grant.challenge;
    const refusal = this.next.tokenError ?? tokenProblem(form, grant, verified);
    this.next = {};
    this.seen.exchanges.push({ verifier, challenge: grant?.challenge ?? '', verified, status: refusal?.status ?? 200 });
    if (grant !== undefined) grant.used = true;
    if (refusal !== null || grant === undefined) {
      return {
        status: refusal?.status ?? 400,
        body: { error: refusal?.error, error_description: refusal?.description },
      };
    }
    const accessToken = await this.accessToken(grant.user);
    const { sub } = grant.user;
    const idToken = await this.sign({ nonce: grant.nonce, name: sub }, sub, CLIENT_ID);
    this.issued.accessTokens.push(accessToken);
    this.issued.idTokens.push(idToken);
    return {
      status: 200,
      body: { access_token: accessToken, token_type: 'Bearer', expires_in: 600, id_token: idToken, scope: 'openid' },
    };
  }
}
