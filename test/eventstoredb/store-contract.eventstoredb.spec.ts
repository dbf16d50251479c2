import { randomUUID } from 'node:crypto';
import { STREAM_PREFIXES } from '@pks/domain';
import { EventStoreDbEventStore } from '@pks/event-store/adapters';
import { IdempotencyKeyTakenError, verifyChain } from '@pks/event-store';
import { describeEventStoreContract } from '@pks/event-store/event-store.contract';
import { CONTRACT_INDEXER, newEvent, newEvents, readEverything } from '@pks/event-store/event-store.test-fixtures';
import {
  DensePositionsView,
  EVENTSTOREDB_DEVIATIONS,
  withDeviations,
} from '@pks/event-store/eventstoredb/testing/contract-harness';
import { eventStoreTarget } from './target';

/**
 * The EventStore contract suite, and what it cannot see (real positions, durability across clients, the feed),
 * through the real client against the server `npm run test:eventstoredb` chose (target.ts): EventStoreDB when
 * EVENTSTORE_CONNECTION_STRING names one, else the wire stand-in. A real server needs a MaxAppendSize of 8 MiB
 * as in docker/ (the suite appends 5,000 events, and a ~1 MB event, in one call).
 */
const target = eventStoreTarget();
/** The server's MaxAppendSize, which the adapter is told: 8 MiB unless EVENTSTORE_MAX_APPEND_SIZE says otherwise. */
const maxAppendSize = Number(process.env.EVENTSTORE_MAX_APPEND_SIZE ?? 8 * 1024 * 1024);

describeAgainst(target.connectionString);

function describeAgainst(url: string): void {
  // Each test gets its own stream prefix (the server is shared) and starts after a marker event written just
  // before it, so that its first reads of $all do not scan what earlier runs left on the server.
  const markers = new EventStoreDbEventStore({
    connectionString: url,
    streamPrefix: 'contract-marker.',
    feedCategories: [''],
    maxAppendSize,
  });
  const isolatedStore = async (): Promise<EventStoreDbEventStore> => {
    const startPosition = (await markers.append(randomUUID(), 0, [newEvent('RunStarted')])).position;
    return new EventStoreDbEventStore({
      connectionString: url,
      streamPrefix: `contract-${randomUUID()}.`,
      feedCategories: [''],
      startPosition,
      indexer: CONTRACT_INDEXER,
      maxAppendSize,
    });
  };
  afterAll(() => markers.close());

  withDeviations(EVENTSTOREDB_DEVIATIONS, () => {
    describeEventStoreContract(`EventStoreDbEventStore on ${target.label}`, async () => {
      const store = await isolatedStore();
      return { store: new DensePositionsView(store), cleanup: () => store.close() };
    });
  });

  describe(`EventStoreDbEventStore on ${target.label}, real positions`, () => {
    let store: EventStoreDbEventStore;
    beforeEach(async () => {
      store = await isolatedStore();
    });
    afterEach(() => store.close());

    it('gives increasing $all commit positions that readAll resumes from', async () => {
      const first = await store.append('agreement-a', 0, newEvents(3));
      const second = await store.append('person-1', 0, newEvents(2));
      const all = await readEverything(store, 2);
      expect(all.map((e) => e.position)).toEqual([...first.events, ...second.events].map((e) => e.position));
      expect(all.every((e, i) => i === 0 || e.position > all[i - 1].position)).toBe(true);
      expect(await store.readAll({ after: first.position, limit: 10 })).toEqual(second.events);
      expect(await store.headPosition()).toBe(second.position);
    });

    it('keeps events, their hash chain and idempotency records for a new client', async () => {
      const options = {
        connectionString: url,
        streamPrefix: `contract-${randomUUID()}.`,
        feedCategories: STREAM_PREFIXES,
        maxAppendSize,
      };
      const claim = { key: randomUUID(), requestHash: 'sha256:request' };
      const writer = new EventStoreDbEventStore(options);
      const appended = await writer.append('agreement-a', 0, newEvents(2), { idempotency: claim });
      await writer.close();
      const reader = new EventStoreDbEventStore(options);
      try {
        expect(await reader.readStream('agreement-a')).toEqual(appended.events);
        expect(verifyChain(appended.events)).toEqual({ ok: true });
        expect(await reader.findIdempotencyRecord(claim.key)).toEqual({
          ...claim,
          streamId: 'agreement-a',
          fromVersion: 1,
          toVersion: 2,
          position: appended.position,
        });
        await expect(reader.append('agreement-a', 2, newEvents(1), { idempotency: claim })).rejects.toBeInstanceOf(
          IdempotencyKeyTakenError,
        );
      } finally {
        await reader.close();
      }
    });

    it('feeds a catch-up subscription with history and live events', async () => {
      const history = await store.append('agreement-a', 0, newEvents(2));
      const seen: number[] = [];
      const subscription = store.feed({ retryDelaysMs: [50] }).subscribeToAll(0, async (events) => {
        seen.push(...events.map((e) => e.position));
      });
      const live = await store.append('agreement-a', 2, newEvents(1));
      for (let i = 0; i < 100 && seen.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.stop();
      expect(seen).toEqual([...history.events, ...live.events].map((e) => e.position));
    });
  });
}
