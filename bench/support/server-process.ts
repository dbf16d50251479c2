import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { issueToken, loadConfig, loadOrCreateSigningKey } from '@pks/infrastructure';
import { peakRssMb, rssMb } from './scenario-io';

/** scripts/built-apps.js: the build `npm start` runs, made again only when a source changed. */
const builtApps = createRequire(__filename)('../../scripts/built-apps.js') as {
  ensureBuilt(app: string, options?: { withDashboard?: boolean }): string;
};

export const REPO = join(__dirname, '..', '..');

/**
 * The servers' metrics token; what a server counted is saved when it stops (bench/.cache/metrics/). Set
 * BENCH_METRICS_TOKEN to scrape /metrics of a running server while diagnosing a run.
 */
const BENCH_METRICS_TOKEN = process.env.BENCH_METRICS_TOKEN ?? randomUUID();
const METRICS_DIR = join(REPO, 'bench', '.cache', 'metrics');

/** Builds the service unless its build is current (the dashboard is not needed). */
export function buildService(): void {
  builtApps.ensureBuilt('api', { withDashboard: false });
}

export interface ServerProcess {
  readonly base: string;
  /** The bearer token of the bench's client: an admin whose commands and look-ups are not rate-limited. */
  readonly token: string;
  readonly pid: number;
  /** Peak RSS (VmHWM) of the server process so far, MB. */
  peakRssMb(): number | null;
  rssMb(): number | null;
  /** The server's stderr so far (last 8 KB). */
  stderr(): string;
  /** SIGTERM (Nest's shutdown hooks close the store), SIGKILL after 20 s. */
  stop(): Promise<void>;
}

/**
 * A bulk client: the rate limits of its role are lifted in the server's configuration (RATE_LIMIT_*), as an
 * operator would for the benchmark's or an import's client, rather than raised for everyone.
 */
const BENCH_CLIENT = { sub: 'bench-client', roles: ['admin' as const], regions: [], branches: [] };
const UNLIMITED_ADMIN = { RATE_LIMIT_COMMANDS: 'admin=off', RATE_LIMIT_LOOKUPS: 'admin=off' };

/**
 * Starts bench/support/server.js (the real app, as built) in its own process with this environment on top of the bench's,
 * and resolves once it prints `ready <port>`, with a token of the server's embedded issuer for the bench client.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const serverEnv = { ...UNLIMITED_ADMIN, ...env };
  const config = loadConfig({ ...process.env, ...serverEnv });
  if (config.auth.mode !== 'embedded') throw new Error('the bench signs its own tokens: unset AUTH_ISSUER');
  const token = await issueToken(await loadOrCreateSigningKey(config.auth.keyPath), BENCH_CLIENT, 24 * 3_600);
  return spawnServer(serverEnv, token, timeoutMs);
}

function spawnServer(env: Record<string, string>, token: string, timeoutMs: number): Promise<ServerProcess> {
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is for diagnosing a run, not for figures.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The service as built (the dashboard is not needed). bench/run.ts builds it once before its scenarios, so that
  // a source edited during a run does not give its later scenarios other code; a scenario run alone builds here.
  if (process.env.BENCH_API_BUILT !== '1') buildService();
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, 'server.js')], {
    cwd: REPO,
    // LOG_LEVEL warn: the request log (one line a request) would be read into this process's memory.
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: process.env.BENCH_SERVER_LOG === '1' ? 'info' : 'warn',
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_192);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ready (\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve(
        handle(
          child,
          token,
          Number(match[1]),
          () => stderr,
          exit,
          () => exited,
        ),
      );
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before ready (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
}

function handle(
  child: ChildProcess,
  token: string,
  port: number,
  stderr: () => string,
  exit: Promise<void>,
  exited: () => boolean,
): ServerProcess {
  const pid = child.pid as number;
  return {
    base: `http://127.0.0.1:${port}`,
    token,
    pid,
    peakRssMb: () => peakRssMb(pid),
    rssMb: () => rssMb(pid),
    stderr,
    async stop() {
      if (exited()) return;
      await saveMetrics(`http://127.0.0.1:${port}`, pid);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** What the server counted (commands, appends, group commits, lag), as `curl /metrics` shows it. */
async function saveMetrics(base: string, pid: number): Promise<void> {
  try {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } });
    if (!response.ok) return;
    mkdirSync(METRICS_DIR, { recursive: true });
    const scenario =
      process.argv
        .slice(2)
        .join('-')
        .replace(/[^a-z0-9-]/gi, '') || 'server';
    writeFileSync(join(METRICS_DIR, `${scenario}-${pid}.prom`), await response.text());
  } catch {
    // A server that does not answer any more has nothing to report.
  }
}

/** Polls GET /health until the read models have applied `position`; resolves with the ms waited. */
export async function waitForReadModels(
  get: (path: string) => Promise<{ status: number; body: any }>,
  position: number,
  timeoutMs = 600_000,
  pollMs = 10,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const health = await get('/health');
    if (health.status === 200 && Number(health.body.readModelPosition) >= position) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      throw new Error(`read models at ${health.body?.readModelPosition} did not reach ${position} in ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
