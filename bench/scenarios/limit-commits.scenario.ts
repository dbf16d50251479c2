/**
 * The limit of the command scenarios: raw better-sqlite3, one transaction per ~450-byte row, into a table shaped
 * like the event store's (unique event id, unique (stream, version)), on a fresh WAL file in the same temp
 * directory the servers use, with `PRAGMA synchronous` set explicitly. FULL (power-loss durability) and NORMAL
 * (process-kill durability, for reference).
 *   node -r @swc-node/register bench/scenarios/limit-commits.scenario.ts [--size small|large]
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../generator/random';
import { emit, latencyStats, progress, round, runScenario } from '../support/scenario-io';

const COMMITS = { FULL: 5_000, NORMAL: 20_000 } as const;
const STREAMS = 1_000;

async function main(): Promise<void> {
  for (const mode of ['FULL', 'NORMAL'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'pks-limit-'));
    try {
      const result = commits(join(dir, 'limit.sqlite'), mode, COMMITS[mode]);
      emit({
        key: `limit-commits.${mode}`,
        label: `raw SQLite single-row commits, WAL, synchronous=${mode}`,
        value: result.rate,
        unit: 'commits/s',
        stat: 'value',
        n: result.n,
        p50: result.p50,
        p99: result.p99,
        max: result.max,
        rowBytes: result.rowBytes,
        seconds: result.seconds,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function commits(path: string, mode: 'FULL' | 'NORMAL', n: number) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${mode}`);
  const actual = db.pragma('synchronous', { simple: true });
  if (actual !== (mode === 'FULL' ? 2 : 1)) throw new Error(`synchronous is ${actual}, wanted ${mode}`);
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, version INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, hash TEXT NOT NULL, previous_hash TEXT,
    UNIQUE (stream_id, version))`);
  const insert =
    db.prepare(`INSERT INTO events (stream_id, version, event_id, type, data, metadata, hash, previous_hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const commit = db.transaction((row: unknown[]) => insert.run(...row));
  const random = new Random(7);
  const versions = new Array<number>(STREAMS).fill(0);
  const rows = Array.from({ length: n }, (_, i) => {
    const s = random.int(0, STREAMS - 1);
    versions[s] += 1;
    const data = JSON.stringify({
      paymentId: `sp2d-${i}`,
      amount: 16_800_000,
      paidOn: '2025-10-15',
      reference: `SP2D ${i}/X/2025`,
    });
    const metadata = JSON.stringify({
      recordedAt: new Date().toISOString(),
      actor: 'bench',
      commandId: randomBytes(12).toString('hex'),
      correlationId: randomBytes(8).toString('hex'),
      causationId: randomBytes(8).toString('hex'),
      schemaVersion: 1,
    });
    return [
      `agreement-pks-${String(s).padStart(4, '0')}`,
      versions[s],
      randomBytes(16).toString('hex'),
      'PremiumPaymentRecorded',
      data,
      metadata,
      randomBytes(32).toString('hex'),
      randomBytes(32).toString('hex'),
    ];
  });
  const rowBytes = Math.round(
    rows.reduce((sum, row) => sum + row.reduce<number>((b, v) => b + String(v).length, 0), 0) / n,
  );
  progress(`limit-commits: ${n} single-row transactions at synchronous=${mode}, ${rowBytes} bytes a row`);
  const latencies: number[] = [];
  const started = performance.now();
  for (const row of rows) {
    const t0 = performance.now();
    commit(row);
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { ...latencyStats(latencies), rate: Math.round(n / seconds), seconds: round(seconds, 3), rowBytes };
}

runScenario(main);
