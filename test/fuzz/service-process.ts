import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** The service under test, running in a child process (service-child.ts) on a fresh SQLite store. */
export interface ServiceProcess {
  readonly port: number;
  /** An admin's bearer token of the service's embedded issuer. */
  readonly token: string;
  /** Ends the process (SIGTERM, then SIGKILL after a grace period; at once if `kill`) and removes its files. */
  stop(options?: { kill?: boolean }): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;

export function startService(): Promise<ServiceProcess> {
  const args = ['--require', join(__dirname, '..', 'store-kill', 'swc-hook.js'), join(__dirname, 'service-child.ts')];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the service did not start within ${START_TIMEOUT_MS} ms:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (code ${code}, signal ${signal}) before listening:\n${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening (\d+) (\S+) (\S+)\n/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        port: Number(match[1]),
        token: match[3],
        stop: (options) => stopChild(child, match[2], options?.kill ?? false),
      });
    });
  });
}

function stopChild(child: ChildProcess, dir: string, kill: boolean): Promise<void> {
  return new Promise((resolve) => {
    const removeFiles = () => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return removeFiles();
    // A service stuck in a loop never handles SIGTERM: SIGKILL it after the grace period.
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      removeFiles();
    });
    child.kill(kill ? 'SIGKILL' : 'SIGTERM');
  });
}
