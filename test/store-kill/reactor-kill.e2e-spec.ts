import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@pks/infrastructure';
import { startApp, type RunningApp } from '../e2e/support/app';
import { recordIssued } from '../e2e/support/actors';
import { tokenFor } from '../e2e/support/tokens';
import { cohortBody, deathBody, niks, otherAgreementBody } from '../e2e/support/bodies';
import { eventually } from '../e2e/support/ledger';

/**
 * The death-spread reactor after a crash: the service is killed right after a death benefit's append (the client
 * never gets its answer and does not retry); once restarted on the same files, the worker's other agreement ends
 * the coverage on the date of death by itself.
 */
const PROVINCE = 'sulteng-kill-2025';
const REGENCY = 'palu-kill-2025';
const [WORKER] = niks(1, 0, '720101');

function startChild(dir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    ['--require', join(__dirname, 'swc-hook.js'), join(__dirname, 'reactor-kill-child.ts'), dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve({ child, base: `http://127.0.0.1:${match[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before listening: ${stderr}`)));
  });
}

const OFFICER = { sub: 'officer@kc-palu', roles: ['branch-officer' as const], branches: ['PALU'] };

/** A branch officer's command to the child, with a token of the key the child keeps in `dir`. */
async function post(dir: string, base: string, path: string, body: object) {
  const token = await tokenFor(loadConfig({ SQLITE_PATH: join(dir, 'ledger.sqlite') }), OFFICER);
  return fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

describe('the death-spread reactor after a SIGKILL', () => {
  let dir: string;
  let restarted: RunningApp | undefined;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pks-reactor-kill-'));
    recordIssued(OFFICER.sub);
  });
  afterAll(async () => {
    // A failed step leaves the child serving: it must not outlive the suite.
    child?.kill('SIGKILL');
    await restarted?.close({ keepFiles: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends the coverage in the other agreement after the restart, with no client retry', async () => {
    const started = await startChild(dir);
    child = started.child;
    const { base } = started;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      started.child.on('exit', (_code, signal) => resolve(signal)),
    );
    for (const [path, body] of [
      ['/agreements', otherAgreementBody(PROVINCE, '72', 10)],
      ['/agreements', otherAgreementBody(REGENCY, '72.71', 10)],
      [`/agreements/${PROVINCE}/cohorts`, cohortBody([WORKER], { cohortId: 'pekerja' })],
      [`/agreements/${REGENCY}/cohorts`, cohortBody([WORKER], { cohortId: 'nelayan' })],
    ] as const) {
      expect((await post(dir, base, path, body)).status).toBe(201);
    }
    await expect(post(dir, base, `/agreements/${PROVINCE}/death-benefits`, deathBody(WORKER))).rejects.toThrow();
    expect(await exited).toBe('SIGKILL');

    restarted = await startApp({ dir });
    const paid = await restarted.http.get(`/agreements/${PROVINCE}/events`).expect(200);
    expect(paid.body.items.at(-1)).toMatchObject({ type: 'DeathBenefitPaid', data: { nik: WORKER } });
    const items = await eventually(
      async () => (await restarted!.http.get(`/agreements/${REGENCY}/events`).expect(200)).body.items,
      (list: { type: string }[]) => list.at(-1)?.type === 'MemberDied',
      5_000,
    );
    expect(items.at(-1)).toMatchObject({ type: 'MemberDied', data: { nik: WORKER, benefitAgreementId: PROVINCE } });
  });
});
