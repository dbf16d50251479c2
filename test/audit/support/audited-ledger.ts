import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ownedIdempotencyKey } from '@pks/application';
import { startApp } from '../../e2e/support/app';
import { cohortBody, deathBody, nik, otherAgreementBody, paymentBody, signBody } from '../../e2e/support/bodies';
import { eventually } from '../../e2e/support/ledger';
import { E2E_ADMIN } from '../../e2e/support/tokens';

const REPO = join(__dirname, '..', '..', '..');

export const SBD = 'sbd-audit-01';
export const PALU = 'palu-audit-01';
/** Enrolled under both agreements; its death benefit is paid under SBD, and the reactor records it under PALU. */
export const DECEASED = nik(5);

/**
 * A small real ledger made through the service, closed cleanly (its last tree head signed at shutdown):
 * 1 SBD signed, 2 PALU signed, 3 SBD cohort (Idempotency-Key enrol-sbd-1), 4 PALU cohort, 5 SBD payment
 * (Idempotency-Key sp2d-sbd-1), 6 PALU payment, 7 SBD death benefit, 8 PALU MemberDied (the reactor), 9 SBD payment.
 */
export async function buildAuditedLedger(): Promise<string> {
  const running = await startApp();
  const post = (path: string, body: object, key?: string) => {
    const request = running.http.post(path);
    return (key ? request.set('Idempotency-Key', key) : request).send(body).expect(201);
  };
  await post('/agreements', signBody({ agreementId: SBD }));
  await post('/agreements', otherAgreementBody(PALU, '72.71', 10));
  await post(`/agreements/${SBD}/cohorts`, cohortBody(10), 'enrol-sbd-1');
  await post(`/agreements/${PALU}/cohorts`, cohortBody(10, { first: 5 }));
  await post(`/agreements/${SBD}/premium-payments`, paymentBody('sp2d-sbd-1', { amount: 100_000 }), 'sp2d-sbd-1');
  await post(
    `/agreements/${PALU}/premium-payments`,
    paymentBody('sp2d-palu-1', { amount: 100_000, paidOn: '2025-10-20' }),
  );
  await post(`/agreements/${SBD}/death-benefits`, deathBody(DECEASED));
  await eventually(
    async () => (await running.http.get('/health')).body.headPosition,
    (head) => head === 8,
  );
  await post(`/agreements/${SBD}/premium-payments`, paymentBody('sp2d-sbd-2', { amount: 50_000 }));
  await running.close({ keepFiles: true });
  return running.dir;
}

/**
 * The key under which the store holds an Idempotency-Key the ledger's commands sent: every command is the e2e
 * admin's (the subject of the token `startApp`'s client sends), and a key belongs to the subject that used it.
 */
export function storedIdempotencyKey(key: string): string {
  const context = { commandId: '', correlationId: '', causationId: '', actor: E2E_ADMIN.sub };
  return ownedIdempotencyKey({ ...context, idempotency: { key, requestHash: '' } }) as string;
}

/** A copy of the ledger's directory (event store, key, heads) to tamper with. */
export function copyLedger(from: string): string {
  const to = mkdtempSync(join(tmpdir(), 'pks-tampered-'));
  for (const name of readdirSync(from)) if (!name.includes('.read')) copyFileSync(join(from, name), join(to, name));
  return to;
}

export function ledgerFiles(dir: string) {
  return {
    sqlitePath: join(dir, 'ledger.sqlite'),
    treeHeadsPath: join(dir, 'ledger.tree-heads.jsonl'),
    keyPath: join(dir, 'ledger.tree-head-key.pem'),
  };
}

/** Runs the CLI (from its sources) on the ledger of `dir`; its stdout is a JSON report. */
export function cli(dir: string, ...args: string[]) {
  const { sqlitePath } = ledgerFiles(dir);
  const run = spawnSync(
    process.execPath,
    ['--require', join(REPO, 'test/store-kill/swc-hook.js'), join(REPO, 'apps/cli/src/main.ts'), ...args],
    { cwd: REPO, env: { ...process.env, SQLITE_PATH: sqlitePath, EVENT_STORE: 'sqlite' }, encoding: 'utf8' },
  );
  return { exit: run.status, report: parsed(run.stdout), stdout: run.stdout, stderr: run.stderr };
}

function parsed(stdout: string): Record<string, unknown> | null {
  try {
    return JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The position of the first event of `type` in the ledger file. */
export function positionOf(dir: string, type: string, streamId?: string): number {
  const db = new Database(ledgerFiles(dir).sqlitePath, {
    readonly: true,
    fileMustExist: existsSync(ledgerFiles(dir).sqlitePath),
  });
  try {
    const sql = `SELECT position FROM events WHERE type = ?${streamId ? ' AND stream_id = ?' : ''} ORDER BY position LIMIT 1`;
    return db
      .prepare(sql)
      .pluck()
      .get(...(streamId ? [type, streamId] : [type])) as number;
  } finally {
    db.close();
  }
}
