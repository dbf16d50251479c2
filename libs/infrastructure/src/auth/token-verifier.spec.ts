import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT, base64url } from 'jose';
import { authConfig, type AuthConfig } from './auth-config';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key';
import { InvalidTokenError } from './token-identity';
import { issueToken, parseTtl } from './token-issuer';
import { TokenVerifier } from './token-verifier';

const REPO = join(__dirname, '..', '..', '..', '..');

/** The key id a fresh process finds (or makes) at `path`. */
function kidFromAnotherProcess(path: string): Promise<string> {
  const script = `require('./libs/infrastructure/src/auth/signing-key').loadOrCreateSigningKey(${JSON.stringify(path)})
    .then((key) => process.stdout.write(key.kid))`;
  const hook = join(REPO, 'test', 'store-kill', 'swc-hook.js');
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--require', hook, '-e', script], { cwd: REPO }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
}

/** Tokens of the embedded issuer: signed with the key kept beside the data, verified by the service. */
const OFFICER = {
  sub: 'officer@kcp-tambolaka',
  roles: ['branch-officer' as const],
  regions: [],
  branches: ['KCP-TAMBOLAKA'],
};

describe('the embedded issuer', () => {
  let dir: string;
  let config: AuthConfig & { mode: 'embedded' };
  let key: SigningKey;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pks-auth-'));
    config = authConfig({}, join(dir, 'ledger.sqlite'), []) as AuthConfig & { mode: 'embedded' };
    key = await loadOrCreateSigningKey(config.keyPath);
    verifier = await TokenVerifier.create(config);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const reason = async (token: string) => {
    const error = await verifier.verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  };

  it('keeps its key beside the event store, readable by its owner only, and the same key on every start', async () => {
    expect(config.keyPath).toBe(join(dir, 'token-signing-key.json'));
    expect(statSync(config.keyPath).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateSigningKey(config.keyPath);
    expect(again.kid).toBe(key.kid);
    expect(JSON.parse(readFileSync(config.keyPath, 'utf8'))).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
  });

  it('creates one key when several processes start at once (the service and `cli token`, say)', async () => {
    const path = join(dir, 'fresh', 'key.json');
    const kids = await Promise.all(Array.from({ length: 4 }, () => kidFromAnotherProcess(path)));
    expect(new Set(kids).size).toBe(1);
    expect((await loadOrCreateSigningKey(path)).kid).toBe(kids[0]);
  });

  it('verifies a token it signed and reads its subject, roles and scope', async () => {
    const token = await issueToken(key, OFFICER, 3_600);
    await expect(verifier.verify(token)).resolves.toEqual(OFFICER);
  });

  it('refuses an expired token, also one it verified before', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await issueToken(key, OFFICER, 60, now - 3_600);
    expect(await reason(token)).toBe('the token has expired');
    const fresh = await issueToken(key, OFFICER, 60, now);
    await verifier.verify(fresh);
    await expect(verifier.verify(fresh, (now + 60 + 31) * 1000)).rejects.toThrow('the token has expired');
  });

  it('refuses a token signed by another ledger (another key), and one from another issuer or audience', async () => {
    const other = await loadOrCreateSigningKey(join(dir, 'other', 'key.json'));
    expect(await reason(await issueToken(other, OFFICER, 3_600))).toBe('the token signature does not verify');
    const foreign = (claims: { iss: string; aud: string }) =>
      new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setSubject('intruder')
        .setIssuer(claims.iss)
        .setAudience(claims.aud)
        .setExpirationTime('1h')
        .sign(key.privateKey);
    expect(await reason(await foreign({ iss: 'https://evil.example', aud: 'pks-ledger' }))).toMatch(/another issuer/);
    expect(await reason(await foreign({ iss: 'pks-ledger', aud: 'another-service' }))).toMatch(/another audience/);
  });

  it('refuses an unsigned token and a token whose signature was cut or altered', async () => {
    const unsigned = new UnsecuredJWT({ roles: ['admin'] })
      .setSubject('intruder')
      .setIssuer('pks-ledger')
      .setAudience('pks-ledger')
      .setExpirationTime('1h')
      .encode();
    expect(await reason(unsigned)).toMatch(/algorithm this service refuses|not a well-formed/);
    const token = await issueToken(key, OFFICER, 3_600);
    const [header, payload] = token.split('.');
    expect(await reason(`${header}.${payload}.`)).toMatch(/not a well-formed|does not verify/);
    const promoted = base64url.encode(
      JSON.stringify({ ...JSON.parse(new TextDecoder().decode(base64url.decode(payload))), roles: ['admin'] }),
    );
    expect(await reason(`${header}.${promoted}.${token.split('.')[2]}`)).toBe('the token signature does not verify');
    expect(await reason('not-a-token')).toBe('the token is not a well-formed signed JWT');
  });

  it('refuses a token whose claims are malformed, and leaves out roles of API.md it does not know', async () => {
    const signed = (claims: Record<string, unknown>, sub = 'someone') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA' })
        .setSubject(sub)
        .setIssuer('pks-ledger')
        .setAudience('pks-ledger')
        .setExpirationTime('1h')
        .sign(key.privateKey);
    expect(await reason(await signed({ roles: ['finance'], regions: ['72%'] }))).toMatch(/region code/);
    expect(await reason(await signed({ roles: 'finance', regions: [72] }))).toMatch(/not a list of strings/);
    expect(await reason(await signed({ roles: ['admin'] }, 'a\u0000b'))).toMatch(/subject/);
    await expect(verifier.verify(await signed({ roles: ['offline_access', 'viewer'] }))).resolves.toMatchObject({
      roles: ['viewer'],
    });
  });

  it('issues tokens of 1 second to 366 days, with lifetimes written 90s, 30m, 8h, 7d', async () => {
    expect([parseTtl('90s'), parseTtl('30m'), parseTtl('8h'), parseTtl('7d')]).toEqual([90, 1_800, 28_800, 604_800]);
    expect(() => parseTtl('8 hours')).toThrow(RangeError);
    expect(() => issueToken(key, OFFICER, 367 * 86_400)).toThrow(RangeError);
  });
});
