import { startApp, type RunningApp } from './support/app';

/**
 * What the dashboard is told before anyone is signed in (`GET /auth/config`), and the one origin besides its own
 * that its Content-Security-Policy then lets it fetch from: the issuer it signs in at.
 */
const ISSUER = 'https://sso.bpjs.example/realms/pks';
const OIDC = {
  AUTH_ISSUER: ISSUER,
  AUTH_AUDIENCE: 'pks-ledger-api',
  // Never fetched here: no test of this file sends a token of the issuer.
  AUTH_JWKS_URL: `${ISSUER}/protocol/openid-connect/certs`,
};

const connectSources = (csp: string | undefined) =>
  (csp ?? '')
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .find(([name]) => name === 'connect-src')
    ?.slice(1);

describe('the sign-in settings the dashboard reads', () => {
  const apps: RunningApp[] = [];
  afterAll(async () => {
    for (const running of apps) await running.close();
  });
  const start = async (env: Record<string, string> = {}) => {
    const running = await startApp({ env });
    apps.push(running);
    return running;
  };

  it('tells anyone, without a token, that the service signs its own tokens; the page fetches from its origin only', async () => {
    const running = await start();
    const res = await running.anonymous.get('/auth/config').expect(200);
    expect(res.body).toEqual({
      tokens: 'embedded',
      claims: { roles: 'roles', regions: 'regions', branches: 'branches' },
    });
    expect(connectSources(res.headers['content-security-policy'])).toBeUndefined();
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('offers no issuer sign-in for an issuer without AUTH_CLIENT_ID (tokens are pasted)', async () => {
    const running = await start({ ...OIDC, AUTH_ROLES_CLAIM: 'realm_access.roles', AUTH_REGIONS_CLAIM: 'pks.regions' });
    const res = await running.anonymous.get('/auth/config').expect(200);
    // Where a Keycloak puts them: the page reads the roles where the API does.
    expect(res.body).toEqual({
      tokens: 'oidc',
      claims: { roles: 'realm_access.roles', regions: 'pks.regions', branches: 'branches' },
    });
    expect(connectSources(res.headers['content-security-policy'])).toBeUndefined();
  });

  it("names the issuer, the dashboard's public client and its scopes, and lets the page fetch from the issuer's origin", async () => {
    const running = await start({ ...OIDC, AUTH_CLIENT_ID: 'pks-dashboard', AUTH_SCOPES: 'openid profile' });
    const res = await running.anonymous.get('/auth/config').set('Authorization', 'Bearer not.a.token').expect(200);
    expect(res.body).toEqual({
      tokens: 'oidc',
      claims: { roles: 'roles', regions: 'regions', branches: 'branches' },
      oidc: { issuer: ISSUER, clientId: 'pks-dashboard', scope: 'openid profile' },
    });
    expect(connectSources(res.headers['content-security-policy'])).toEqual(["'self'", 'https://sso.bpjs.example']);
    // The API itself is still closed to anyone without a token of the issuer.
    expect((await running.anonymous.get('/agreements')).status).toBe(401);
  });
});
