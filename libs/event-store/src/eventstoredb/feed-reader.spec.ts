import type { RecordedEvent } from '../event-store.port';
import { CONTRACT_INDEXER, newEvent, newEvents, readEverything } from '../event-store.test-fixtures';
import { EventStoreDbEventStore } from './eventstoredb.event-store';
import { FakeEventStoreDb, LEDGER_CATEGORIES, type FilteredReads } from './testing/fake-eventstoredb';

/** The feed on a shared `$all`: filtered by the server where it can, and never searched twice. */
describe.each<FilteredReads>(['served', 'unimplemented', 'not-offered'])(
  'the feed of EventStoreDbEventStore, filtered reads %s',
  (filteredReads) => {
    let fake: FakeEventStoreDb;
    let store: EventStoreDbEventStore;
    beforeEach(() => {
      fake = new FakeEventStoreDb(filteredReads);
      store = new EventStoreDbEventStore(
        { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES, indexer: CONTRACT_INDEXER },
        fake.client,
      );
    });
    afterEach(() => store.close());
    const foreign = (count: number) => {
      for (let i = 0; i < count; i++) fake.write(`other.agreement-${i}`);
    };
    const ledgerRecords = () => fake.log.filter((r) => /^(agreement|person)-/.test(r.streamName));
    /** Unfiltered reads of `$all` and the records they handed over (filtered reads are the server's work). */
    const spyOnUnfilteredReads = () => {
      const handed: number[] = [];
      const readAll = fake.client.readAll.bind(fake.client);
      jest.spyOn(fake.client, 'readAll').mockImplementation(((options: Parameters<typeof readAll>[0]) => {
        const read = readAll(options);
        read.on('data', () => handed.push(1));
        return read;
      }) as typeof readAll);
      return () => handed.length;
    };

    it('shows exactly the ledger events, in order, and the head at the last of them', async () => {
      foreign(300);
      await store.append('agreement-a', 0, newEvents(3));
      foreign(700);
      await store.append('person-1', 0, newEvents(2), { idempotency: { key: 'k', requestHash: 'h' } });
      foreign(50);
      const all = await readEverything(store, 2);
      expect(all.map((e) => e.position)).toEqual(ledgerRecords().map((r) => Number(r.position)));
      expect(await store.headPosition()).toBe(all[4].position);
      expect(await store.readAll({ after: all[1].position, limit: 2 })).toEqual(all.slice(2, 4));
    });

    it('never searches again a stretch of $all it found empty of ledger events', async () => {
      const mine = await store.append('agreement-a', 0, newEvents(1));
      foreign(2_000);
      expect(await store.readAll({ after: mine.position, limit: 100 })).toEqual([]);
      expect(await store.headPosition()).toBe(mine.position);
      expect(await store.lookup(['member:1'])).toEqual([]);
      foreign(10);
      const next = await store.append('agreement-a', 1, [newEvent('Enrolled', { keys: ['member:1'] })]);
      const handed = spyOnUnfilteredReads();
      const read: RecordedEvent[] = await store.readAll({ after: mine.position, limit: 100 });
      expect(read.map((e) => e.position)).toEqual([next.position]);
      expect(await store.headPosition()).toBe(next.position);
      expect(await store.lookup(['member:1'])).toMatchObject([{ streamId: 'agreement-a', version: 2 }]);
      // What was searched before is not handed over again; a server that filters hands over ends of the log only.
      expect(handed()).toBeLessThan(filteredReads === 'served' ? 10 : 100);
    });

    it('finds the head of a new ledger on a long shared log, once', async () => {
      foreign(3_000);
      expect(await store.headPosition()).toBe(0);
      const handed = spyOnUnfilteredReads();
      expect(await store.headPosition()).toBe(0);
      expect(await store.readAll({ after: 0, limit: 10 })).toEqual([]);
      expect(handed()).toBeLessThanOrEqual(3);
    });
  },
);
