/**
 * Rebuild of every read model from the dataset's events, next to the limit measured in the same run on the same
 * rows: a raw scan with JSON.parse and a trivial fold. Run in its own process so that its peak RSS is its own.
 *   node -r @swc-node/register bench/scenarios/rebuild.scenario.ts <size> <raw|rebuild>
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/adapters';
import { rebuildReadModels } from '../../libs/projections/src';
import { datasetFile } from '../generator/dataset-file';

async function main(): Promise<void> {
  const [sizeName = 'small', part = 'rebuild'] = process.argv.slice(2);
  const path = await datasetFile(sizeName);
  const result = part === 'raw' ? rawScan(path) : await rebuild(path);
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: peakRssMb() })}\n`);
}

/** The hardware limit: every row in position order, data and metadata parsed, folded into counts. */
function rawScan(path: string) {
  const db = new Database(path, { readonly: true });
  const started = performance.now();
  let events = 0;
  let members = 0;
  const byType = new Map<string, number>();
  for (const row of db.prepare('SELECT type, data, metadata FROM events ORDER BY position').iterate() as
    Iterable<{ type: string; data: string; metadata: string }>) {
    const data = JSON.parse(row.data) as { members?: unknown[] };
    JSON.parse(row.metadata);
    members += data.members?.length ?? 0;
    byType.set(row.type, (byType.get(row.type) ?? 0) + 1);
    events++;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { part: 'raw-scan', events, members, seconds: round(seconds), eventsPerSecond: Math.round(events / seconds) };
}

async function rebuild(path: string) {
  const store = new SqliteEventStore({ path, synchronous: 'NORMAL' });
  const base = join(mkdtempSync(join(tmpdir(), 'pks-rebuild-')), 'read.sqlite');
  const result = await rebuildReadModels(base, store);
  await store.close();
  return { part: 'rebuild', events: result.eventsApplied, seconds: round(result.seconds),
    eventsPerSecond: result.eventsPerSecond, quarantined: result.quarantined.length };
}

/** Peak resident set size of this process (VmHWM), MB. */
function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Math.round(process.memoryUsage().rss / 1048576);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
