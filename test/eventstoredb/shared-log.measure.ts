/**
 * What a ledger pays for sharing a big `$all` with others, on the wire stand-in through the real client:
 *
 *   SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register test/eventstoredb/shared-log.measure.ts \
 *     [foreign] [--client-filter] [--start-position]
 *
 * Writes `foreign` events (default 100,000) of another prefix straight into the stand-in's log, then times, for
 * a store under a new prefix (from position 0, or from the end of the log with `--start-position`):
 * headPosition, an index lookup (the index catches up from `$all`), readAll of its empty feed, each called twice,
 * and the same once it has a few events of its own.
 * Figures are wall-clock on loopback: the stand-in filters in JavaScript and has no disk, so they show the
 * adapter's share (round trips, events moved and decoded), not a real server's.
 */
import { randomUUID } from 'node:crypto';
import { STREAM_PREFIXES } from '@pks/domain';
import { EventStoreDbEventStore } from '@pks/event-store/adapters';
import { connect, type EventStoreDbClient } from '@pks/event-store/eventstoredb/client';
import { CONTRACT_INDEXER, newEvent } from '@pks/event-store/event-store.test-fixtures';
import { WireStandIn } from './wire-stand-in/wire-stand-in';

const FOREIGN = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 100_000);
/** `--client-filter`: a server that cannot filter reads of `$all`, so the adapter filters every page itself. */
const FILTERED_READS = !process.argv.includes('--client-filter');
/** `--start-position`: the store is told where its history starts (the end of the log when it was created). */
const START_AT_END = process.argv.includes('--start-position');

async function main(): Promise<void> {
  const standIn = await WireStandIn.start({ systemNoiseEvery: 7, filteredReads: FILTERED_READS });
  fillWithForeignEvents(standIn, FOREIGN);
  const counted = countReads(standIn);
  const client = connect(standIn.connectionString());
  const counting: EventStoreDbClient = {
    ...client,
    readAll: ((...args: Parameters<EventStoreDbClient['readAll']>) => {
      counted.calls += 1;
      return client.readAll(...args);
    }) as EventStoreDbClient['readAll'],
    readAllFiltered: (options) => {
      counted.calls += 1;
      return client.readAllFiltered!(options);
    },
  };
  const startPosition = START_AT_END ? Number(standIn.log.at(standIn.log.length - 1)!.position) : 0;
  const options = {
    connectionString: 'unused',
    streamPrefix: `new-${randomUUID()}.`,
    feedCategories: STREAM_PREFIXES,
    startPosition,
  };
  const store = new EventStoreDbEventStore({ ...options, indexer: CONTRACT_INDEXER }, counting);
  console.log(
    `$all: ${standIn.log.length} records, ${standIn.log.endPosition} bytes; a new prefix, from position ` +
      `${startPosition}; ` +
      (FILTERED_READS ? 'reads of $all filtered by the server' : 'a server that cannot filter reads of $all'),
  );
  try {
    for (const round of ['first', 'again']) {
      await time(`headPosition (${round})`, counted, () => store.headPosition());
      await time(`lookup, index catch-up (${round})`, counted, () => store.lookup(['death:1']));
      await time(`readAll after 0 (${round})`, counted, () => store.readAll({ after: 0, limit: 1000 }));
    }
    const mine = await store.append('agreement-a', 0, [newEvent('Paid', { uniqueKeys: ['death:1'] })]);
    fillWithForeignEvents(standIn, 1_000);
    await time('headPosition after 1 own + 1,000 foreign', counted, () => store.headPosition());
    await time('lookup after them', counted, () => store.lookup(['death:1']));
    await time('readAll after the own event', counted, () => store.readAll({ after: mine.position, limit: 1000 }));
  } finally {
    await store.close();
    await standIn.close();
  }
}

function fillWithForeignEvents(standIn: WireStandIn, count: number): void {
  const data = Buffer.from(JSON.stringify({ members: 'x'.repeat(300) }));
  for (let i = 0; i < count; i++) {
    standIn.log.write(`other-ledger.agreement-${i % 500}`, [
      { id: randomUUID(), type: 'CohortEnrolled', isJson: true, data, metadata: Buffer.alloc(0) },
    ]);
  }
}

interface Counter {
  /** Log records the stand-in looked at (sent, or filtered out on its side). */
  records: number;
  /** Reads of `$all` the adapter made: round trips. */
  calls: number;
}

/** Counts the records the stand-in examines for reads of `$all` (wrapping its log's accessor). */
function countReads(standIn: WireStandIn): Counter {
  const counter = { records: 0, calls: 0 };
  const at = standIn.log.at.bind(standIn.log);
  standIn.log.at = (index: number) => {
    counter.records += 1;
    return at(index);
  };
  return counter;
}

async function time(label: string, counter: Counter, call: () => Promise<unknown>): Promise<void> {
  const { records, calls } = counter;
  const started = process.hrtime.bigint();
  await call();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms ${String(counter.calls - calls).padStart(6)} reads of $all ` +
      `${String(counter.records - records).padStart(8)} log records examined`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
