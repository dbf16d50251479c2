/**
 * The limit of the payments-only command figure: appends through the app's own SQLite event store, in this
 * process, with no HTTP and no decider. The store is made by the service's factory from the same configuration
 * (SQLITE_SYNCHRONOUS of the run, the ledger's indexer and whatever else the service's store does on an append),
 * on a fresh file; 64 concurrent appenders, each on its own agreement streams with the expected version, append
 * one premium-payment event at a time (the event and metadata a RecordPremiumPayment command writes), so the
 * store's group commit batches what arrives in one turn of the event loop, as it does under the server's load.
 *   node -r @swc-node/register bench/scenarios/limit-appends.scenario.ts --size small|large
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, loadConfig } from '@pks/infrastructure';
import type { NewEvent } from '@pks/event-store';
import { arg, emit, latencyStats, progress, round, runScenario } from '../support/scenario-io';

const APPENDERS = 64;
const STREAMS = 1_000;
const SECONDS: Record<string, number> = { small: 5, medium: 8, large: 10 };

async function main(): Promise<void> {
  const size = arg('size', 'small');
  const seconds = SECONDS[size] ?? 5;
  const synchronous = (process.env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  const dir = mkdtempSync(join(tmpdir(), 'pks-limit-appends-'));
  const config = loadConfig({
    ...process.env,
    SQLITE_PATH: join(dir, 'ledger.sqlite'),
    SQLITE_SYNCHRONOUS: synchronous,
  });
  let groups = 0;
  const store = createEventStore(config, { onCommit: () => void groups++ });
  try {
    progress(
      `limit-appends: ${APPENDERS} appenders on ${STREAMS} streams for ${seconds} s, synchronous=${synchronous}`,
    );
    const versions = new Array<number>(STREAMS).fill(0);
    const latencies: number[] = [];
    let appended = 0;
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    const appender = async (a: number) => {
      // Appender a owns the streams s with s % APPENDERS === a: its expected versions are always right.
      for (let i = 0, s = a; performance.now() < deadline; i++, s = s + APPENDERS >= STREAMS ? a : s + APPENDERS) {
        const t0 = performance.now();
        const result = await store.append(`agreement-bench-${String(s).padStart(4, '0')}`, versions[s], [
          payment(a, i),
        ]);
        latencies.push(performance.now() - t0);
        versions[s] = result.version;
        appended++;
      }
    };
    await Promise.all(Array.from({ length: APPENDERS }, (_, a) => appender(a)));
    const elapsed = (performance.now() - started) / 1000;
    const stats = latencyStats(latencies);
    emit({
      key: `limit-appends.${synchronous}`,
      label: `the app's SQLite event store in-process: ${APPENDERS} concurrent appenders of one payment event, group commit, synchronous=${synchronous}`,
      value: Math.round(appended / elapsed),
      unit: 'events/s',
      stat: 'value',
      n: appended,
      p50: stats.p50,
      p99: stats.p99,
      max: stats.max,
      groupCommits: groups,
      eventsPerCommit: round(appended / Math.max(1, groups), 1),
      seconds: round(elapsed, 2),
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What RecordPremiumPayment appends: its event data and the metadata of a command of the bench's client. */
function payment(a: number, i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'PremiumPaymentRecorded',
    data: { paymentId: `sp2d-${a}-${i}`, amount: 16_800_000, paidOn: '2025-10-15', reference: `SP2D ${a}/${i}/X/2025` },
    metadata: {
      recordedAt: new Date().toISOString(),
      actor: 'bench-client',
      role: 'admin',
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}

runScenario(main);
