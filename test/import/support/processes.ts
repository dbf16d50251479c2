import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..', '..');
export const CLI_ENTRY = join(REPO, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');

/** Builds the CLI as `npm run cli` would (only when a source changed), with its output on stderr. */
export function buildCli(): void {
  const built = spawnSync(process.execPath, [join(REPO, 'scripts', 'run-built.js'), 'cli', '--help'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (!/Usage|usage/.test(built.stderr.toString())) throw new Error(`the CLI did not build: ${built.stderr}`);
}

/** Peak resident memory of a process so far (Linux VmHWM), MiB; null where /proc does not say. */
export function peakMemoryMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resident memory now, MiB. */
export function residentMemoryMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface CliRun {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Highest VmHWM seen while it ran, MiB. */
  peakMiB(): number | null;
}

/** Runs the built CLI with these arguments, sampling its peak memory every 50 ms. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: REPO, env: { ...process.env, ...env } });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peak: number | null = null;
  const sampler = setInterval(() => {
    const now = peakMemoryMiB(child.pid as number);
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, 50);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) =>
      child.once('exit', (code, signal) => {
        clearInterval(sampler);
        resolve({ code, signal, stdout, stderr });
      }),
  );
  return { child, done, peakMiB: () => peak };
}

/** Resolves once the child's stderr so far matches `pattern`. */
export function whenStderrMatches(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    const listener = (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        child.stderr?.off('data', listener);
        resolve();
      }
    };
    child.stderr?.on('data', listener);
  });
}
