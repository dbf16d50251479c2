import { Readable } from 'node:stream';
import type { ResolvedEvent } from '@eventstore/db-client';
import { newEvent } from '../event-store.test-fixtures';
import type { EventStoreDbClient } from './client';
import { EventStoreDbEventStore } from './eventstoredb.event-store';
import { FakeEventStoreDb, LEDGER_CATEGORIES } from './testing/fake-eventstoredb';

/**
 * A client connected to a follower (`nodePreference=follower`, or the old leader just after an election): a
 * read that does not require the leader is served from what that node has replicated, which may lag; one that
 * requires it is served by the leader (the model answers it whole, as the client's switch to the leader would).
 */
function onFollower(fake: FakeEventStoreDb) {
  const replicated = new Set<string>();
  const readStream = ((name: string, options: { requiresLeader?: boolean } = {}) => {
    const read = fake.client.readStream(name, options as never) as unknown as AsyncIterable<ResolvedEvent>;
    if (options.requiresLeader === true) return read;
    return Readable.from(
      (async function* () {
        for await (const resolved of read) if (replicated.has(resolved.event!.id)) yield resolved;
      })(),
    );
  }) as unknown as EventStoreDbClient['readStream'];
  return {
    client: { ...fake.client, readStream } as EventStoreDbClient,
    /** The follower catches up with everything written so far. */
    catchUp: () => fake.log.forEach((record) => replicated.add(record.id)),
  };
}

describe('EventStoreDbEventStore reading on a node that lags the leader', () => {
  // StreamReader folds a part of a stream (a payment's decision) from a typed read up to the version that
  // streamVersion gave: the events the read leaves out it takes as of other types. Served by a lagging follower,
  // the read would leave out a payment just recorded, and the same payment would be accepted again.
  it('reads the events of some types up to the version streamVersion gave, none missing', async () => {
    const fake = new FakeEventStoreDb();
    const follower = onFollower(fake);
    const store = new EventStoreDbEventStore(
      { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES },
      follower.client,
    );
    await store.append('agreement-a', 0, [newEvent('Signed'), newEvent('Enrolled')]);
    follower.catchUp();
    await store.append('agreement-a', 2, [newEvent('Paid')]);
    const head = await store.streamVersion('agreement-a');
    expect(head).toBe(3);
    const read = await store.readStream('agreement-a', { toVersion: head, types: ['Signed', 'Paid'] });
    expect(read.map((event) => `${event.type}${event.version}`)).toEqual(['Signed1', 'Paid3']);
    await store.close();
  });
});
