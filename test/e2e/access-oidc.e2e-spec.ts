import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { startApp, type RunningApp } from './support/app';
import { recordIssued } from './support/actors';
import { agreementOf, WORLD } from './support/access-world';
import { expectProblem } from './support/ledger';

/**
 * Production: tokens from an OIDC issuer (Keycloak-like: roles under `realm_access.roles`), verified with the
 * keys of its JWKS, which this test serves itself on loopback.
 */
const ISSUER = 'https://sso.bpjs.example/realms/pks';
const AUDIENCE = 'pks-ledger-api';

describe('tokens of an OIDC issuer', () => {
  let jwks: Server;
  let fetches = 0;
  let issuerKey: { privateKey: CryptoKey; jwk: JWK };
  let running: RunningApp;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    issuerKey = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'kc-1', alg: 'RS256', use: 'sig' } };
    jwks = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [issuerKey.jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    running = await startApp({
      env: {
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/realms/pks/protocol/openid-connect/certs`,
        AUTH_ROLES_CLAIM: 'realm_access.roles',
        AUTH_BRANCHES_CLAIM: 'bpjs.branches',
      },
    });
  });
  afterAll(async () => {
    await running?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const token = (claims: Record<string, unknown>, options: { iss?: string; aud?: string; key?: CryptoKey } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'kc-1' })
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setExpirationTime('5m')
      .sign(options.key ?? issuerKey.privateKey);

  const officerClaims = {
    sub: 'f3b1c2d4-officer-sumba',
    realm_access: { roles: ['offline_access', 'branch-officer'] },
    bpjs: { branches: ['SUMBA'] },
  };

  it("lets the issuer's branch officer sign for its branch, as the actor, with roles and scope where it puts them", async () => {
    recordIssued(officerClaims.sub);
    const bearer = `Bearer ${await token(officerClaims)}`;
    const signed = await running.anonymous
      .post('/agreements')
      .set('Authorization', bearer)
      .send(agreementOf(WORLD.in, 'sbd-oidc-01'))
      .expect(201);
    const events = await running.anonymous
      .get('/agreements/sbd-oidc-01/events')
      .set('Authorization', bearer)
      .expect(200);
    expect(events.body.items[0].metadata).toMatchObject({ actor: officerClaims.sub, role: 'branch-officer' });
    expect(signed.body.version).toBe(1);
    const elsewhere = await running.anonymous
      .post('/agreements')
      .set('Authorization', bearer)
      .send(agreementOf(WORLD.out, 'toraja-oidc-01'));
    expectProblem(elsewhere, 403, 'FORBIDDEN');
  });

  it('does not fetch the JWKS again for each request once it holds the key', async () => {
    const bearer = `Bearer ${await token({ sub: 'viewer-1', realm_access: { roles: ['viewer'] } })}`;
    const before = fetches;
    for (let i = 0; i < 5; i++) await running.anonymous.get('/agreements').set('Authorization', bearer).expect(200);
    expect(fetches - before).toBe(0);
    expect(fetches).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['for another audience', () => token(officerClaims, { aud: 'another-client' })],
    ['from another issuer', () => token(officerClaims, { iss: 'https://sso.example.org/realms/other' })],
    [
      'signed with a key the JWKS does not hold',
      async () => token(officerClaims, { key: (await generateKeyPair('RS256')).privateKey }),
    ],
    [
      'signed with a shared secret (HS256), whatever its claims',
      () =>
        new SignJWT(officerClaims)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('x'.repeat(32))),
    ],
  ])('refuses a token %s: 401 UNAUTHENTICATED', async (_, make) => {
    const res = await running.anonymous.get('/agreements').set('Authorization', `Bearer ${await make()}`);
    expectProblem(res, 401, 'UNAUTHENTICATED');
  });

  it('grants nothing to a token whose roles are none of the API (403 FORBIDDEN)', async () => {
    const bearer = `Bearer ${await token({ sub: 'someone', realm_access: { roles: ['uma_authorization'] } })}`;
    expectProblem(await running.anonymous.get('/agreements').set('Authorization', bearer), 403, 'FORBIDDEN');
  });
});
