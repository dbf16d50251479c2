import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventStore, loadConfig } from '@pks/infrastructure';
import { generationPath, readGeneration, rebuildReadModels } from '@pks/projections';
import { tokenFor } from '../e2e/support/tokens';
import { ChaosLoad, retryAcknowledged } from './support/chaos-load';
import { CHAOS_CLIENT } from './support/client';
import { auditHistory } from './support/history-audit';
import { differingTables, dumpReadModels } from './support/read-model-dump';
import { freePort, startService, type Service } from './support/service';

/**
 * Crash under load (`npm run test:chaos`): concurrent clients send every kind of command, each with an
 * Idempotency-Key, to the real service in its own process on SQLite with synchronous=FULL, while the service is
 * SIGKILLed at random moments and restarted on the same files. A command is acknowledged when its 2xx arrived.
 * Afterwards every acknowledged command is in the history exactly once, at the version and position it answered;
 * a retry of each returns the same answer and appends nothing; `npm run cli -- verify` finds the ledger intact;
 * the read models equal a rebuild from the events. SIGKILL leaves the OS page cache intact: this proves
 * atomicity and recovery, not power-loss durability.
 *
 * CHAOS_KILLS (default 12), CHAOS_CLIENTS (24) and CHAOS_MAX_UPTIME_MS (6000: each kill lands 500 ms to this
 * long after the service is up) size the run.
 */

const KILLS = Number(process.env.CHAOS_KILLS ?? 12);
const CLIENTS = Number(process.env.CHAOS_CLIENTS ?? 24);
const MAX_UPTIME_MS = Number(process.env.CHAOS_MAX_UPTIME_MS ?? 6_000);
const REPO = join(__dirname, '..', '..');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The details of /health are for signed-in callers. */
async function health(
  base: string,
  token: string,
): Promise<{ headPosition: number; readModelPosition: number; status: string }> {
  return (await (await fetch(`${base}/health`, { headers: { authorization: `Bearer ${token}` } })).json()) as never;
}

async function untilCaughtUp(base: string, token: string): Promise<number> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(50)) {
    const h = await health(base, token);
    if (h.status === 'ok' && h.readModelPosition === h.headPosition) return h.headPosition;
  }
  throw new Error(`read models did not catch up: ${JSON.stringify(await health(base, token))}`);
}

function verifyLedger(env: Record<string, string>): { exit: number | null; report: Record<string, unknown> } {
  const run = spawnSync('npm', ['run', '-s', 'cli', '--', 'verify'], {
    cwd: REPO,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const json = run.stdout.slice(run.stdout.indexOf('{'));
  return { exit: run.status, report: JSON.parse(json) as Record<string, unknown> };
}

function print(lines: string[]): void {
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

describe('the service under load, SIGKILLed at random moments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pks-chaos-'));
  const env = {
    EVENT_STORE: 'sqlite',
    SQLITE_PATH: join(dir, 'ledger.sqlite'),
    READ_MODEL_PATH: join(dir, 'ledger.read.sqlite'),
    SQLITE_SYNCHRONOUS: 'FULL',
    // 24 clients send thousands of commands a minute as one admin: a bulk client, not limited.
    RATE_LIMIT_COMMANDS: 'admin=off',
  };
  const log = join(dir, 'service.log');

  afterAll(() => {
    if (process.env.CHAOS_KEEP_FILES) process.stdout.write(`chaos files kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged command exactly once through ${KILLS} kills`, async () => {
    const started = Date.now();
    const port = await freePort();
    // Signed with the key the service will find beside the data (made here, before its first start).
    const token = await tokenFor(loadConfig(env), CHAOS_CLIENT, 3_600);
    let service: Service = await startService(port, env, log);
    const load = new ChaosLoad(service.base, CLIENTS, token);
    load.start();
    let kills = 0;
    for (; kills < KILLS; kills++) {
      await sleep(500 + randomInt(MAX_UPTIME_MS - 500));
      await service.kill();
      service = await startService(port, env, log);
    }
    await sleep(1_000 + randomInt(MAX_UPTIME_MS));
    await load.stop();
    const loadSeconds = (Date.now() - started) / 1000;

    const headBefore = await untilCaughtUp(service.base, token);
    // Opened as the service opens it (same adapter, same index definition), beside the running service.
    const store = createEventStore(loadConfig(env));
    const { figures, problems } = await auditHistory(
      store,
      load.acknowledged,
      load.refused.map((r) => r.command),
      load.unresolved,
    );
    const retries = await retryAcknowledged(service.base, load.acknowledged, 32, token);
    const headAfter = await untilCaughtUp(service.base, token);
    await service.stop();

    const verified = verifyLedger(env);
    const livePath = generationPath(env.READ_MODEL_PATH, readGeneration(env.READ_MODEL_PATH));
    const live = dumpReadModels(livePath);
    const quarantined = new Database(livePath, { readonly: true })
      .prepare('SELECT COUNT(*) FROM projection_quarantine')
      .pluck()
      .get();
    const rebuilt = await rebuildReadModels(env.READ_MODEL_PATH, store);
    const differences = differingTables(live, dumpReadModels(generationPath(env.READ_MODEL_PATH, rebuilt.generation)));
    await store.close();

    // Errors the service logged (Nest's logger), e.g. a death not recorded in another agreement: shown, never hidden.
    const loggedErrors = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => / ERROR /.test(line));
    print([
      `crash under load: ${CLIENTS} clients, ${kills} SIGKILLs, load ${loadSeconds.toFixed(1)} s, ` +
        `whole run ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `acknowledged ${figures.acknowledged} / found ${figures.found} / lost ${figures.lost} / duplicated ${figures.duplicated}`,
      `acknowledged by kind ${JSON.stringify(load.acknowledgedByKind())}`,
      `refused ${load.refused.length} ${JSON.stringify(load.refusalsByCode())}; refused but recorded ${figures.refusedButRecorded}`,
      `unresolved ${load.unresolved.length} (twice in the history: ${figures.unresolvedDuplicated})`,
      `sent again after a broken connection ${load.counters.transportErrors}, after 503/409-retry ${load.counters.retryLater}, ` +
        `other 5xx ${load.counters.serverErrors}`,
      `history: ${figures.events} events; retries of the acknowledged: ${retries.sameAnswer} of ${retries.retried} same answer, ` +
        `head ${headBefore} -> ${headAfter}`,
      `verify: exit ${verified.exit} ${verified.report.result}; read models: ${differences.length} tables differ from a rebuild ` +
        `of ${rebuilt.eventsApplied} events, ${quarantined} quarantined`,
      `errors logged by the service: ${loggedErrors.length}`,
      ...loggedErrors.slice(0, 10),
      ...problems.slice(0, 20),
      ...retries.examples,
      ...load.counters.serverErrorBodies,
      ...differences,
    ]);

    expect(kills).toBe(KILLS);
    expect(figures.acknowledged).toBeGreaterThan(0);
    expect({ lost: figures.lost, duplicated: figures.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(figures.found).toBe(figures.acknowledged);
    expect(problems).toEqual([]);
    expect({
      refusedButRecorded: figures.refusedButRecorded,
      unresolvedDuplicated: figures.unresolvedDuplicated,
    }).toEqual({ refusedButRecorded: 0, unresolvedDuplicated: 0 });
    expect(load.counters.serverErrorBodies).toEqual([]);
    expect({ retried: retries.retried, sameAnswer: retries.sameAnswer }).toEqual({
      retried: figures.acknowledged,
      sameAnswer: figures.acknowledged,
    });
    expect(headAfter).toBe(headBefore);
    expect(verified).toMatchObject({ exit: 0, report: { result: 'intact', events: headAfter } });
    expect(quarantined).toBe(0);
    expect(differences).toEqual([]);
  }, 600_000);
});
