import type { EventStore, FeedSubscription, RecordedEvent } from '@pks/event-store';
import { ReadModels } from './read-models';
import { mixedHistory } from './testing/histories';
import { snapshot } from './testing/ledger-builder';

/** A store that pushes its feed (as EventStoreDB's catch-up subscription does), driven by the test. */
function pushingStore(store: EventStore) {
  let push: ((events: RecordedEvent[]) => Promise<void>) | null = null;
  const pushing: EventStore = Object.assign(Object.create(store) as EventStore, {
    subscribeToAll(_after: number, onEvents: (events: RecordedEvent[]) => Promise<void>): FeedSubscription {
      push = onEvents;
      return {
        stop: async () => {
          push = null;
        },
      };
    },
    readAll: async () => [],
  });
  return { store: pushing, push: (events: RecordedEvent[]) => (push as NonNullable<typeof push>)(events) };
}

describe('read models fed by a store that pushes its events', () => {
  it('apply what is pushed, skip what a redelivery repeats, and end as a read of the whole feed does', async () => {
    const ledger = await mixedHistory();
    const everything = await ledger.store.readAll({ after: 0, limit: 100_000 });
    const reference = ReadModels.open(':memory:', ledger.store);
    await reference.runner.catchUp();

    const feed = pushingStore(ledger.store);
    const pushed = ReadModels.open(':memory:', feed.store);
    pushed.runner.start(60_000);
    const half = Math.floor(everything.length / 2);
    await feed.push(everything.slice(0, half));
    await feed.push(everything.slice(half - 3));
    expect(pushed.runner.appliedPosition()).toBe(everything[everything.length - 1].position);
    expect(snapshot(pushed.db)).toEqual(snapshot(reference.db));
    await pushed.close();
    await reference.close();
  });
});
