/**
 * Child process of sqlite-kill.e2e-spec.ts: appends to a SQLite event store until it is killed.
 *
 * Usage: node --require ./swc-hook.js append-child.ts <database-file>
 * After each append returns, prints `ack <streamId> <version> <position>` for every event it recorded,
 * with a synchronous write so that a line is in the pipe before the next append starts.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { NewEvent } from '@pks/event-store';
import { SqliteEventStore } from '@pks/event-store/adapters';

const STREAMS = ['agreement-a', 'agreement-b', 'person-c', 'person-d'];

function randomEvent(n: number): NewEvent {
  const id = `${process.pid}-${n}`;
  return {
    eventId: `event-${id}-${randomBytes(4).toString('hex')}`,
    type: 'KillTestEvent',
    // Sizes from empty to a few pages, so commits span one or several WAL frames.
    data: { n, payload: randomBytes(randomInt(0, 6000)).toString('base64') },
    metadata: {
      recordedAt: new Date().toISOString(),
      actor: 'store-kill',
      commandId: `cmd-${id}`,
      correlationId: `pid-${process.pid}`,
      causationId: `cmd-${id}`,
      schemaVersion: 1,
    },
  };
}

async function main(path: string): Promise<void> {
  const store = new SqliteEventStore({ path });
  const versions = new Map<string, number>();
  for (const streamId of STREAMS) versions.set(streamId, await store.streamVersion(streamId));
  for (let n = 0; ; n++) {
    const streamId = STREAMS[randomInt(STREAMS.length)];
    const size = randomInt(3) === 0 ? randomInt(2, 6) : 1;
    const events = Array.from({ length: size }, (_, i) => randomEvent(n * 10 + i));
    const idempotency = { key: `key-${process.pid}-${n}`, requestHash: `request-${n}` };
    const result = await store.append(streamId, versions.get(streamId) ?? 0, events, { idempotency });
    versions.set(streamId, result.version);
    writeSync(1, result.events.map((e) => `ack ${e.streamId} ${e.version} ${e.position}\n`).join(''));
  }
}

main(process.argv[2]).catch((error: unknown) => {
  writeSync(2, `append-child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
