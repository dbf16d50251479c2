/**
 * The transparency log's cost and the auditor's tools, in three parts (each its own process: peak RSS is its own):
 * - `append`: the store's append path with its log, next to the same path with the log's work taken out (the
 *   store's own code, its log replaced by a no-op in this process only): single-event appends at FULL and NORMAL,
 *   500-event appends at NORMAL (the CPU-bound case), and the bytes a log adds per event;
 * - `proofs`: inclusion and consistency proofs on the dataset's log (1,052,794 events at the large size);
 * - `verify`: `verifyLedger` over the whole dataset, as `npm run cli -- verify` runs it: events/s and peak RSS.
 *   node -r @swc-node/register bench/scenarios/ledger.scenario.ts <size> <append|proofs|verify>
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_INDEXER } from '../../libs/application/src/streams/ledger-indexer';
import { verifyLedger, type NewEvent } from '../../libs/event-store/src';
import { SqliteAuditSource, SqliteEventStore } from '../../libs/event-store/src/adapters';
import { datasetFile } from '../generator/dataset-file';
import { Random } from '../generator/random';
import { emit, latencyStats, peakRssMb, progress, round, runScenario } from '../support/scenario-io';

const SINGLE = { FULL: 3_000, NORMAL: 20_000 } as const;
const BATCHES = 200;
const BATCH = 500;
const PROOFS = 2_000;

async function main(): Promise<void> {
  const [size = 'small', part = 'append'] = process.argv.slice(2);
  if (part === 'append') return append();
  const path = await datasetFile(size);
  if (part === 'proofs') return proofs(path, size);
  return verify(path, size);
}

async function append(): Promise<void> {
  for (const mode of ['FULL', 'NORMAL'] as const) {
    const withLog = await appendRun(mode, SINGLE[mode], 1, true);
    const without = await appendRun(mode, SINGLE[mode], 1, false);
    emitPair(
      `append1.${mode}`,
      `store.append of one ~450-byte event per commit, synchronous=${mode}`,
      withLog,
      without,
    );
  }
  const withLog = await appendRun('NORMAL', BATCHES, BATCH, true);
  const without = await appendRun('NORMAL', BATCHES, BATCH, false);
  emitPair('append500.NORMAL', `store.append of ${BATCH} events per commit, synchronous=NORMAL`, withLog, without);
  emit({
    key: 'ledger.bytesPerEvent',
    label: `file bytes per event, ${(BATCHES * BATCH).toLocaleString('en')} payments in ${BATCH}-event appends (without the log: ${without.bytesPerEvent})`,
    value: withLog.bytesPerEvent,
    unit: 'bytes',
    stat: 'value',
    without: without.bytesPerEvent,
    addedByLog: withLog.bytesPerEvent - without.bytesPerEvent,
  });
}

function emitPair(key: string, label: string, withLog: AppendRun, without: AppendRun): void {
  emit({
    key: `ledger.${key}.bare`,
    label: `${label}, the log's work taken out`,
    value: without.rate,
    unit: 'events/s',
    stat: 'value',
    ...without,
  });
  emit({
    key: `ledger.${key}`,
    label: `${label}, with the transparency log (cost: ${round(((without.rate - withLog.rate) / without.rate) * 100, 1)}% of the rate, ${round(withLog.microsPerEvent - without.microsPerEvent, 1)} µs an event)`,
    value: withLog.rate,
    unit: 'events/s',
    stat: 'value',
    limitKey: `ledger.${key}.bare`,
    limitKind: 'rate',
    ...withLog,
  });
}

interface AppendRun {
  rate: number;
  microsPerEvent: number;
  bytesPerEvent: number;
  events: number;
  seconds: number;
}

async function appendRun(
  mode: 'FULL' | 'NORMAL',
  commits: number,
  perCommit: number,
  withLog: boolean,
): Promise<AppendRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pks-ledger-bench-'));
  const path = join(dir, 'events.sqlite');
  const store = new SqliteEventStore({ path, synchronous: mode, indexer: LEDGER_INDEXER });
  if (!withLog) takeOutTheLog(store);
  progress(`ledger: ${commits} commits of ${perCommit} events, ${mode}, ${withLog ? 'with' : 'without'} the log`);
  const random = new Random(11);
  const versions = new Map<string, number>();
  const started = performance.now();
  for (let i = 0; i < commits; i++) {
    const streamId = `agreement-pks-${String(random.int(0, 999)).padStart(4, '0')}`;
    const version = versions.get(streamId) ?? 0;
    await store.append(
      streamId,
      version,
      Array.from({ length: perCommit }, (_, j) => payment(i * perCommit + j)),
    );
    versions.set(streamId, version + perCommit);
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  const events = commits * perCommit;
  const bytes = statSync(path).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    rate: Math.round(events / seconds),
    microsPerEvent: round((seconds * 1e6) / events, 2),
    bytesPerEvent: Math.round(bytes / events),
    events,
    seconds: round(seconds, 2),
  };
}

/** The same store without its log's work: for this measurement only, its tree does nothing. */
function takeOutTheLog(store: SqliteEventStore): void {
  const noOp = { begin() {}, mark: () => null, reset() {}, append() {}, invalidate() {} };
  Object.assign(store as unknown as { tree: unknown }, { tree: noOp });
}

function payment(i: number): NewEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: 'PremiumPaymentRecorded',
    data: { paymentId: `sp2d-${i}`, amount: 16_800_000, paidOn: '2025-10-15', reference: `SP2D ${i}/X/2025` },
    metadata: {
      recordedAt: new Date().toISOString(),
      actor: 'bench',
      commandId: `cmd-${i}`,
      correlationId: `corr-${i}`,
      causationId: `cmd-${i}`,
      schemaVersion: 1,
    },
  };
}

async function proofs(path: string, size: string): Promise<void> {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL', indexer: LEDGER_INDEXER });
  const log = store.transparencyLog();
  const treeSize = await log.size();
  const random = new Random(13);
  for (const kind of ['inclusion', 'consistency'] as const) {
    const latencies: number[] = [];
    for (let i = 0; i < PROOFS; i++) {
      const position = random.int(1, treeSize);
      const t0 = performance.now();
      if (kind === 'inclusion') await log.inclusionProof(position, treeSize);
      else await log.consistencyProof(position, treeSize);
      latencies.push(performance.now() - t0);
    }
    const stats = latencyStats(latencies);
    emit({
      key: `ledger.proof.${kind}`,
      label: `${kind} proof of a random position in the ${size} dataset's log of ${treeSize.toLocaleString('en')} events`,
      value: stats.p99,
      unit: 'ms',
      stat: 'p99',
      ...stats,
    });
  }
  await store.close();
}

async function verify(path: string, size: string): Promise<void> {
  // The index as the service keeps it (the dataset is written without one): rebuilt once when it is not.
  await new SqliteEventStore({ path, synchronous: 'NORMAL', indexer: LEDGER_INDEXER }).close();
  const source = new SqliteAuditSource(path);
  const started = performance.now();
  const report = await verifyLedger(source, { indexer: LEDGER_INDEXER });
  const seconds = (performance.now() - started) / 1000;
  source.close();
  emit({
    key: 'ledger.verify',
    label: `verify of the whole ${size} dataset (${report.events.toLocaleString('en')} events, ${report.result}): chains, log, index, records, rows`,
    value: Math.round(report.events / seconds),
    unit: 'events/s',
    stat: 'value',
    limitKey: 'rebuild.raw',
    limitKind: 'rate',
    seconds: round(seconds, 2),
    result: report.result,
    findings: report.findingsTotal,
  });
  emit({
    key: 'ledger.verify.peakRss',
    label: `peak RSS (VmHWM) of the verify process (${size} dataset)`,
    value: peakRssMb(),
    unit: 'MB',
    stat: 'value',
  });
}

runScenario(main);
