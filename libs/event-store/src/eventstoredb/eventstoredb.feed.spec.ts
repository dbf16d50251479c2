import type { RecordedEvent } from '../event-store.port';
import { newEvents } from '../event-store.test-fixtures';
import { EventStoreDbEventStore } from './eventstoredb.event-store';
import type { FeedSubscription } from './eventstoredb.feed';
import { FakeEventStoreDb, LEDGER_CATEGORIES } from './testing/fake-eventstoredb';

/** Resolves once `predicate` holds, polling the event loop; fails the test after ~2 s. */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!predicate()) throw new Error('condition not reached');
}

describe('EventStoreDbFeed', () => {
  let fake: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  let subscription: FeedSubscription | undefined;
  const applied: RecordedEvent[] = [];
  const batches: number[] = [];
  const apply = async (events: RecordedEvent[]) => {
    batches.push(events.length);
    applied.push(...events);
  };
  beforeEach(() => {
    fake = new FakeEventStoreDb();
    store = new EventStoreDbEventStore(
      { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES },
      fake.client,
    );
    applied.length = 0;
    batches.length = 0;
  });
  afterEach(async () => {
    await subscription?.stop();
    await store.close();
  });
  const positionsOf = async () => (await store.readAll({ after: 0, limit: 1000 })).map((e) => e.position);

  it('delivers the history after the given position, then live events, only from the ledger streams', async () => {
    const early = await store.append('agreement-a', 0, newEvents(3));
    await store.append('person-1', 0, newEvents(2), { idempotency: { key: 'k', requestHash: 'h' } });
    fake.write('invoice-1');
    subscription = store.feed().subscribeToAll(early.events[0].position, apply);
    await until(() => applied.length === 4);
    await store.append('agreement-a', 3, newEvents(2));
    await until(() => applied.length === 6);
    expect(applied.map((e) => e.position)).toEqual((await positionsOf()).slice(1));
    expect(applied.map((e) => `${e.streamId}@${e.version}`)).toEqual([
      'agreement-a@2',
      'agreement-a@3',
      'person-1@1',
      'person-1@2',
      'agreement-a@4',
      'agreement-a@5',
    ]);
    expect(subscription.checkpoint).toBe(applied[5].position);
  });

  it('hands over events that arrive together as one batch, at most maxBatch long', async () => {
    await store.append('agreement-a', 0, newEvents(7));
    subscription = store.feed({ maxBatch: 3 }).subscribeToAll(0, apply);
    await until(() => applied.length === 7);
    expect(batches).toEqual([3, 3, 1]);
  });

  it('resubscribes after a drop from the last acknowledged position, losing and repeating nothing', async () => {
    const drops: number[] = [];
    subscription = store
      .feed({ retryDelaysMs: [5], onDrop: (_error, after) => drops.push(after) })
      .subscribeToAll(0, apply);
    await store.append('agreement-a', 0, newEvents(2));
    await until(() => applied.length === 2);
    fake.dropSubscriptions();
    await store.append('agreement-a', 2, newEvents(2)); // written while the feed is down
    await until(() => applied.length === 4);
    await store.append('person-1', 0, newEvents(1));
    await until(() => applied.length === 5);
    expect(applied.map((e) => e.position)).toEqual(await positionsOf());
    expect(drops).toEqual([applied[1].position]);
  });

  it('delivers a batch again when onEvents failed, and only then moves the checkpoint', async () => {
    await store.append('agreement-a', 0, newEvents(2));
    let failures = 1;
    const flaky = async (events: RecordedEvent[]) => {
      if (failures-- > 0) throw new Error('read model database is locked');
      await apply(events);
    };
    subscription = store.feed({ retryDelaysMs: [5] }).subscribeToAll(0, flaky);
    await until(() => applied.length === 2);
    expect(applied.map((e) => e.version)).toEqual([1, 2]);
    expect(subscription.checkpoint).toBe(applied[1].position);
  });

  it('is stopped by closing the store, so that a subscription its owner lost does not resubscribe forever', async () => {
    const subscribed = jest.spyOn(fake.client, 'subscribeToAll');
    store.feed({ retryDelaysMs: [5] }).subscribeToAll(0, apply);
    store.subscribeToAll(0, apply);
    await store.append('agreement-a', 0, newEvents(1));
    await until(() => applied.length === 2);
    await store.close();
    fake.dropSubscriptions();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(subscribed).toHaveBeenCalledTimes(2);
  });

  it('delivers nothing once stopped', async () => {
    subscription = store.feed().subscribeToAll(0, apply);
    await store.append('agreement-a', 0, newEvents(1));
    await until(() => applied.length === 1);
    await subscription.stop();
    await store.append('agreement-a', 1, newEvents(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(applied).toHaveLength(1);
  });
});
