/**
 * Rebuild of every read model from the dataset's events, next to the limit measured in the same run on the same
 * rows: a raw scan with JSON.parse and a trivial fold. Run in its own process so that its peak RSS is its own
 * (bench/run.ts runs `raw`, then `rebuild`, each in a fresh process). Prints one figure as a JSON line.
 *   node -r @swc-node/register bench/scenarios/rebuild.scenario.ts <size> <raw|rebuild>
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/adapters';
import { rebuildReadModels } from '../../libs/projections/src';
import { datasetFile } from '../generator/dataset-file';

async function main(): Promise<void> {
  const [sizeName = 'small', part = 'rebuild'] = process.argv.slice(2);
  const path = await datasetFile(sizeName);
  const result = part === 'raw' ? rawScan(path) : await rebuild(path);
  const peak = peakRssMb();
  const on = `${sizeName} dataset, ${result.events.toLocaleString('en')} events`;
  process.stdout.write(
    `${JSON.stringify(
      part === 'raw'
        ? {
            key: 'rebuild.raw',
            label: `raw scan: every row in position order, JSON.parse of data and metadata, a trivial fold (${on})`,
            value: result.eventsPerSecond,
            unit: 'events/s',
            stat: 'value',
            ...result,
            peakRssMb: peak,
          }
        : {
            key: 'rebuild.rebuild',
            label: `rebuildReadModels into a fresh read-model file (${on})`,
            value: result.eventsPerSecond,
            unit: 'events/s',
            stat: 'value',
            limitKey: 'rebuild.raw',
            limitKind: 'rate',
            ...result,
            peakRssMb: peak,
          },
    )}\n`,
  );
  if (part !== 'raw') {
    process.stdout.write(
      `${JSON.stringify({
        key: 'rebuild.peakRss',
        label: `peak RSS (VmHWM) of the rebuild process (${on})`,
        value: peak,
        unit: 'MB',
        stat: 'value',
        limitKey: 'rebuild.raw.peakRss',
        limitKind: 'time',
      })}\n`,
    );
  } else {
    process.stdout.write(
      `${JSON.stringify({
        key: 'rebuild.raw.peakRss',
        label: 'peak RSS (VmHWM) of the raw-scan process',
        value: peak,
        unit: 'MB',
        stat: 'value',
      })}\n`,
    );
  }
}

/** The hardware limit: every row in position order, data and metadata parsed, folded into counts. */
function rawScan(path: string) {
  const db = new Database(path, { readonly: true });
  const started = performance.now();
  let events = 0;
  let members = 0;
  const byType = new Map<string, number>();
  for (const row of db.prepare('SELECT type, data, metadata FROM events ORDER BY position').iterate() as Iterable<{
    type: string;
    data: string;
    metadata: string;
  }>) {
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
  const store = new SqliteEventStore({ path, readOnly: true });
  const dir = mkdtempSync(join(tmpdir(), 'pks-rebuild-'));
  let result: Awaited<ReturnType<typeof rebuildReadModels>>;
  try {
    result = await rebuildReadModels(join(dir, 'read.sqlite'), store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true }); // a read-model file of ~600 MB at the large size
  }
  return {
    part: 'rebuild',
    events: result.eventsApplied,
    seconds: round(result.seconds),
    eventsPerSecond: result.eventsPerSecond,
    quarantined: result.quarantined.length,
  };
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
