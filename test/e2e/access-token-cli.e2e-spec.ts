import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from './support/app';
import { recordIssued } from './support/actors';
import { agreementOf, WORLD } from './support/access-world';

/**
 * `npm run cli -- token` (the CLI in its own process, from the sources): with the same environment as the
 * server, one token on stdout and nothing else, which the server accepts for the subject, role and scope asked.
 */
const REPO = join(__dirname, '..', '..');

function cliToken(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--require', join(REPO, 'test/store-kill/swc-hook.js'), join(REPO, 'apps/cli/src/main.ts'), 'token', ...args],
    { cwd: REPO, env: { ...process.env, ...env }, encoding: 'utf8' },
  );
  return { exit: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run cli -- token', () => {
  let dir: string;
  let env: Record<string, string>;
  let running: RunningApp | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pks-token-cli-'));
    env = { SQLITE_PATH: join(dir, 'ledger.sqlite'), EVENT_STORE: 'sqlite' };
  });
  afterAll(async () => {
    await running?.close({ keepFiles: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one token and nothing else, signed with the key it makes beside the data on the first run', async () => {
    const officer = cliToken(
      env,
      '--sub',
      'officer@kc-sumba',
      '--role',
      'branch-officer',
      '--branch',
      'SUMBA',
      '--ttl',
      '30m',
    );
    expect(officer.exit).toBe(0);
    expect(officer.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(existsSync(join(dir, 'token-signing-key.json'))).toBe(true);
    const [, payload] = officer.stdout.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: 'officer@kc-sumba', roles: ['branch-officer'], branches: ['SUMBA'] });
    expect(claims.exp - claims.iat).toBe(1_800);

    // The server started on the same data accepts it: the officer signs for its branch, and is the actor.
    running = await startApp({ dir });
    recordIssued('officer@kc-sumba');
    const client = running.as(officer.stdout.trim());
    await client.post('/agreements').send(agreementOf(WORLD.in, 'sbd-cli-01')).expect(201);
    expect((await client.post('/agreements').send(agreementOf(WORLD.out, 'toraja-cli-01'))).status).toBe(403);
    const history = await running.http.get('/agreements/sbd-cli-01/events').expect(200);
    expect(history.body.items[0].metadata).toMatchObject({ actor: 'officer@kc-sumba', role: 'branch-officer' });
  });

  it('prints no token for a role, a region or a lifetime the service would not take (exit 64, the reason on stderr)', () => {
    for (const args of [
      ['--sub', 'x', '--role', 'root'],
      ['--sub', 'x', '--role', 'finance', '--region', '7'],
      ['--sub', 'x', '--role', 'viewer', '--ttl', 'forever'],
      ['--role', 'viewer'],
    ]) {
      const run = cliToken(env, ...args);
      expect({ args, exit: run.exit, stdout: run.stdout }).toEqual({ args, exit: 64, stdout: '' });
      expect(run.stderr.length).toBeGreaterThan(0);
    }
  });

  it('refers to the issuer when tokens come from OIDC', () => {
    const run = cliToken(
      {
        ...env,
        AUTH_ISSUER: 'https://sso.example/realms/pks',
        AUTH_AUDIENCE: 'pks',
        AUTH_JWKS_URL: 'https://sso.example/certs',
      },
      '--sub',
      'x',
      '--role',
      'viewer',
    );
    expect({ exit: run.exit, stdout: run.stdout }).toEqual({ exit: 64, stdout: '' });
    expect(run.stderr).toMatch(/OIDC issuer https:\/\/sso.example\/realms\/pks/);
  });
});
