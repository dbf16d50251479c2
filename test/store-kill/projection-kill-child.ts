/**
 * Child process of projection-kill.e2e-spec.ts: projects a SQLite event store into a read-model file until it is
 * killed, and keeps appending premium payments to the store so that there is always more to project.
 *
 * Usage: node --require ./swc-hook.js projection-kill-child.ts <event-store-file> <read-model-file> <batch-size>
 * Prints, with synchronous writes (each line is in the pipe before the child goes on):
 * - `start <position>` once the read models are open: the checkpoint the runner resumes after;
 * - `applied <position> <events>` after each batch the runner committed, from its onBatch listener;
 * - `appended <position>` after each append of payments the store acknowledged.
 */
import { randomInt } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { NewEvent } from '@pks/event-store';
import { SqliteEventStore } from '@pks/event-store/adapters';
import { loadConfig, projectionThreadOf } from '@pks/infrastructure';
import { LIVE, openReadModelDatabase, READ_MODELS, ReadModels } from '@pks/projections';
import { paymentAppended } from '@pks/projections/testing/money-events';

/** Agreements of the parent's history (libs/projections/src/testing/histories.ts) that receive the payments. */
const PAYERS = ['agreement-palu-2025', 'agreement-sulteng-2025', 'agreement-bangkep-2025'];

function payment(n: number): NewEvent {
  const id = `${process.pid}-${n}`;
  return paymentAppended(`kill-payment-${id}`, `kill-${id}`, {
    amount: 16_800 * randomInt(1, 100),
    paidOn: '2025-12-22',
    actor: 'projection-kill',
    recordedAt: new Date().toISOString(),
  });
}

async function main(storePath: string, readPath: string, batchSize: number, sliceMs: number): Promise<void> {
  const store = new SqliteEventStore({ path: storePath, synchronous: 'NORMAL' });
  // ReadModels.open with a smaller batch than the default 1,000 and transactions cut after `sliceMs` as a service's
  // are (0: one event each): many commits, hence many places to be killed.
  // PROJECTION_KILL_THREAD=1: the runner in its own thread (as the service runs it), killed with the process.
  const thread =
    process.env.PROJECTION_KILL_THREAD === '1'
      ? projectionThreadOf(loadConfig({ SQLITE_PATH: storePath, PROJECTION_THREAD: 'on' }))
      : undefined;
  const models = new ReadModels(
    openReadModelDatabase(readPath),
    store,
    (position, events) => writeSync(1, `applied ${position} ${events}\n`),
    { batchSize, sliceMs },
    READ_MODELS,
    LIVE,
    thread,
  );
  // Where it resumes, read before the thread starts: once started, its first pass may commit before this process
  // reads the position (the parent then found the file's checkpoint behind the start reported). Reported once the
  // thread runs, so that the parent's kill lands on a running thread.
  const resumedAt = models.runner.appliedPosition();
  if (thread) {
    models.runner.start(60_000);
    await models.runner.started();
  }
  writeSync(1, `start ${resumedAt}\n`);
  // The thread commits its slices out of sight: the position it shares after each commit is reported as it moves.
  if (thread) reportMoves(() => models.runner.appliedPosition());
  const versions = new Map<string, number>();
  for (const streamId of PAYERS) versions.set(streamId, await store.streamVersion(streamId));
  for (let n = 0; ; n++) {
    await models.runner.catchUp();
    // New work, one append of up to two batches: the next catch-up has one or more batches to commit.
    const streamId = PAYERS[randomInt(PAYERS.length)];
    const events = Array.from({ length: randomInt(1, 2 * batchSize + 1) }, (_, i) => payment(n * 1_000 + i));
    const result = await store.append(streamId, versions.get(streamId) ?? 0, events);
    versions.set(streamId, result.version);
    writeSync(1, `appended ${result.position}\n`);
  }
}

function reportMoves(position: () => number): void {
  let reported = position();
  setInterval(() => {
    const now = position();
    if (now !== reported) writeSync(1, `applied ${now}\n`);
    reported = now;
  }, 1);
}

const [storePath, readPath, batchSize, sliceMs] = process.argv.slice(2);
main(storePath, readPath, Number(batchSize), Number(sliceMs)).catch((error: unknown) => {
  writeSync(2, `projection-kill-child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
