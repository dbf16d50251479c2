import { SingleBar } from 'cli-progress';

/** Progress of the batches: a bar on a terminal, one line per batch otherwise (logs, CI). */
export interface ImportProgress {
  batchDone(batch: number, members: number): void;
  stop(): void;
}

export function importProgress(batches: number, members: number, stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) {
    let sent = 0;
    return {
      batchDone(batch: number, count: number) {
        sent += count;
        stream.write(`batch ${batch}/${batches} enrolled: ${sent} of ${members} members\n`);
      },
      stop() {},
    } satisfies ImportProgress;
  }
  const bar = new SingleBar({
    stream,
    format: 'enrolling [{bar}] {value}/{total} members | batch {batch}/{batches} | {eta_formatted} left',
    hideCursor: true,
  });
  bar.start(members, 0, { batch: 0, batches });
  return {
    batchDone: (batch: number, count: number) => bar.increment(count, { batch, batches }),
    stop: () => bar.stop(),
  } satisfies ImportProgress;
}
