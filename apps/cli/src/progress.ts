import { Presets, SingleBar } from 'cli-progress';

/** Progress of a long command on stderr (stdout carries its report). */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 2_000;

/**
 * A bar (cli-progress) when stderr is a terminal; otherwise a plain line every two seconds, which a log file or
 * a CI job can read.
 */
export function progress(label: string, unit: string): Progress {
  return process.stderr.isTTY ? bar(label, unit) : lines(label, unit);
}

function bar(label: string, unit: string): Progress {
  const shown = new SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) shown.start(total, done);
      else shown.setTotal(total);
      started = true;
      shown.update(done);
    },
    stop: () => started && shown.stop(),
  };
}

function lines(label: string, unit: string): Progress {
  const began = Date.now();
  let printed = 0;
  let last: [number, number] | null = null;
  let shown: [number, number] | null = null;
  const print = ([done, total]: [number, number]) => {
    const seconds = (Date.now() - began) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const share = total > 0 ? ((100 * done) / total).toFixed(1) : '100.0';
    process.stderr.write(`${label}: ${done}/${total} ${unit} (${share}%), ${rate} ${unit}/s\n`);
    shown = [done, total];
  };
  return {
    update(done, total) {
      last = [done, total];
      if (Date.now() - printed < PLAIN_EVERY_MS) return;
      printed = Date.now();
      print(last);
    },
    stop: () => last !== null && (shown === null || shown[0] !== last[0]) && print(last),
  };
}
