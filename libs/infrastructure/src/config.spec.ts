import { loadConfig } from './config';

/** The access settings of the environment (README "Configuration"). */
describe('access configuration', () => {
  it('listens on loopback and signs its own tokens with a key beside the data, unless told otherwise', () => {
    const config = loadConfig({ SQLITE_PATH: '/srv/pks/ledger.sqlite' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.auth).toMatchObject({ mode: 'embedded', keyPath: '/srv/pks/token-signing-key.json' });
    expect(config.corsOrigins).toEqual([]);
    expect(config.accessLogPath).toBe('/srv/pks/access.log');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('never keeps the signing key in the event store file or the read models', () => {
    expect(() => loadConfig({ SQLITE_PATH: '/srv/l.sqlite', AUTH_KEY_PATH: '/srv/l.sqlite' })).toThrow(/AUTH_KEY_PATH/);
    expect(() => loadConfig({ SQLITE_PATH: '/srv/l.sqlite', AUTH_KEY_PATH: '/srv/l.read.sqlite' })).toThrow(
      /AUTH_KEY_PATH/,
    );
  });

  it('takes tokens from an OIDC issuer given its audience and JWKS, with the claims where the issuer puts them', () => {
    const oidc = {
      AUTH_ISSUER: 'https://sso.bpjs.example/realms/pks',
      AUTH_AUDIENCE: 'pks-ledger',
      AUTH_JWKS_URL: 'https://sso.bpjs.example/realms/pks/protocol/openid-connect/certs',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
    };
    expect(loadConfig(oidc).auth).toEqual({
      mode: 'oidc',
      issuer: oidc.AUTH_ISSUER,
      audience: 'pks-ledger',
      jwksUrl: oidc.AUTH_JWKS_URL,
      claims: { roles: 'realm_access.roles', regions: 'regions', branches: 'branches' },
      clockToleranceSeconds: 30,
    });
    expect(() => loadConfig({ ...oidc, AUTH_AUDIENCE: '' })).toThrow(/AUTH_AUDIENCE/);
    expect(() => loadConfig({ ...oidc, AUTH_JWKS_URL: 'file:///etc/keys' })).toThrow(/AUTH_JWKS_URL/);
  });

  it('lets the dashboard sign in at the issuer as the public client AUTH_CLIENT_ID, asking for openid at least', () => {
    const oidc = {
      AUTH_ISSUER: 'https://sso.bpjs.example/realms/pks',
      AUTH_AUDIENCE: 'pks-ledger',
      AUTH_JWKS_URL: 'https://sso.bpjs.example/realms/pks/protocol/openid-connect/certs',
    };
    expect(loadConfig(oidc).auth).not.toHaveProperty('browserSignIn');
    expect(loadConfig({ ...oidc, AUTH_CLIENT_ID: 'pks-dashboard' }).auth).toMatchObject({
      browserSignIn: { clientId: 'pks-dashboard', scope: 'openid' },
    });
    const scoped = loadConfig({ ...oidc, AUTH_CLIENT_ID: 'pks-dashboard', AUTH_SCOPES: ' openid  profile ' });
    expect(scoped.auth).toMatchObject({ browserSignIn: { scope: 'openid profile' } });
    expect(() => loadConfig({ ...oidc, AUTH_CLIENT_ID: 'pks-dashboard', AUTH_SCOPES: 'profile' })).toThrow(/openid/);
    expect(() => loadConfig({ ...oidc, AUTH_ISSUER: 'pks-sso', AUTH_CLIENT_ID: 'pks-dashboard' })).toThrow(
      /http\(s\) URL/,
    );
    expect(() => loadConfig({ AUTH_CLIENT_ID: 'pks-dashboard' })).toThrow(/AUTH_CLIENT_ID needs AUTH_ISSUER/);
  });

  it('limits commands (600 a minute) and look-ups by NIK (120 a minute) per subject, per role as configured', () => {
    const defaults = loadConfig({});
    expect(defaults.commandRateLimits.admin).toEqual({ limit: 600, windowMs: 60_000 });
    expect(defaults.lookupRateLimits.auditor).toEqual({ limit: 120, windowMs: 60_000 });
    const tuned = loadConfig({ RATE_LIMIT_COMMANDS: '100/10s, admin=off, finance=5/500ms' });
    expect(tuned.commandRateLimits).toEqual({
      admin: null,
      'branch-officer': { limit: 100, windowMs: 10_000 },
      finance: { limit: 5, windowMs: 500 },
      auditor: { limit: 100, windowMs: 10_000 },
      viewer: { limit: 100, windowMs: 10_000 },
    });
    expect(() => loadConfig({ RATE_LIMIT_COMMANDS: 'root=off' })).toThrow(/not a role/);
    expect(() => loadConfig({ RATE_LIMIT_LOOKUPS: '10 per minute' })).toThrow(/RATE_LIMIT_LOOKUPS/);
    expect(() => loadConfig({ RATE_LIMIT_LOOKUPS: '0/1m' })).toThrow(/allows nothing/);
    expect(() => loadConfig({ RATE_LIMIT_COMMANDS: '50000/1m' })).toThrow(/say off/);
  });

  it('opens CORS only to the origins it is given', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://dasbor.example, https://ops.example' }).corsOrigins).toEqual([
      'https://dasbor.example',
      'https://ops.example',
    ]);
  });
});

describe('memory configuration', () => {
  it('lets the heap grow 50% past its live objects unless told otherwise (0: V8 decides); refuses nonsense', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(50);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '200' }).heapGrowingPercent).toBe(200);
    for (const value of ['-1', 'half', '12.5'])
      expect(() => loadConfig({ HEAP_GROWING_PERCENT: value })).toThrow(`HEAP_GROWING_PERCENT must be a whole number`);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: '5000' })).toThrow('HEAP_GROWING_PERCENT must be at most 1000');
  });
});
