import { readFileSync } from 'node:fs';

/**
 * How a scenario talks to bench/run.ts: every figure is one JSON line on stdout, printed as soon as it is
 * measured; progress goes to stderr as plain text.
 *
 * A figure's `value` is the number its target (if any) is judged on; latency figures also carry p50/p99/max and
 * say in `stat` which of them `value` is. `limitKey` names the figure (possibly of another scenario, measured in
 * the same run) that is this figure's limit; `limitKind` says whether more is better (`rate`) or less (`time`).
 */
export interface Figure {
  readonly key: string;
  readonly label: string;
  readonly value: number | null;
  readonly unit: string;
  readonly stat?: 'p50' | 'p99' | 'value';
  readonly p50?: number;
  readonly p99?: number;
  readonly max?: number;
  readonly n?: number;
  readonly limitKey?: string;
  readonly limitKind?: 'rate' | 'time';
  readonly note?: string;
  readonly [extra: string]: unknown;
}

export function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

export function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

export interface LatencyStats {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentiles of latencies in ms (the array is sorted in place). */
export function latencyStats(ms: number[]): LatencyStats {
  if (ms.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  ms.sort((a, b) => a - b);
  const rank = (p: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil((p / 100) * ms.length) - 1))];
  return {
    n: ms.length,
    p50: round(rank(50), 3),
    p99: round(rank(99), 3),
    max: round(ms[ms.length - 1], 3),
    mean: round(ms.reduce((a, b) => a + b, 0) / ms.length, 3),
  };
}

/** Peak resident set size (VmHWM) of a process, MB; null when /proc is not there. */
export function peakRssMb(pid: number | 'self' = 'self'): number | null {
  return procStatusMb(pid, 'VmHWM');
}

/** CPU time (user + system) a process has used so far, seconds; null when /proc is not there. */
export function cpuSeconds(pid: number | 'self' = 'self'): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ
  } catch {
    return null;
  }
}

export function rssMb(pid: number | 'self' = 'self'): number | null {
  return procStatusMb(pid, 'VmRSS');
}

function procStatusMb(pid: number | 'self', field: string): number | null {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** `--name value` from argv, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** Runs a scenario's main; a failure is printed and ends the process with 1. */
export function runScenario(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
