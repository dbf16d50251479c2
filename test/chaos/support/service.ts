import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');
const READY_TIMEOUT_MS = 60_000;

/** The real service (apps/api/src/main.ts, compiled by swc like the jest suites) in its own process. */
export interface Service {
  readonly base: string;
  readonly pid: number;
  /** SIGKILL: no shutdown hook runs, whatever the service was doing. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: Nest closes the read models and the store. */
  stop(): Promise<void>;
}

/** A TCP port free right now, reused by every restart so that clients keep one base URL. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node apps/api/src/main.ts` with this environment (SQLITE_PATH, SQLITE_SYNCHRONOUS...) on `port`, its
 * output appended to `logPath`, and resolves once GET /health answers 200.
 */
export async function startService(port: number, env: Record<string, string>, logPath: string): Promise<Service> {
  const log = openSync(logPath, 'a');
  const child = spawn(
    process.execPath,
    ['--require', join(REPO, 'test/store-kill/swc-hook.js'), join(REPO, 'apps/api/src/main.ts')],
    { cwd: REPO, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(base, child);
  return {
    base,
    pid: child.pid as number,
    kill: () => signal(child, 'SIGKILL', exited),
    stop: () => signal(child, 'SIGTERM', exited),
  };
}

async function waitUntilHealthy(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the service exited before it was ready (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`the service did not answer /health within ${READY_TIMEOUT_MS} ms`);
}

async function signal(child: ChildProcess, name: NodeJS.Signals, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
  await exited;
}
