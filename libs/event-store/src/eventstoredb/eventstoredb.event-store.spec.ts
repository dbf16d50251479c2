import { UnavailableError } from '@eventstore/db-client';
import { describeEventStoreContract } from '../event-store.contract';
import { CONTRACT_INDEXER, newEvent, newEvents, readEverything } from '../event-store.test-fixtures';
import { verifyChain } from '../hash-chain';
import { EventStoreDbUnavailableError } from './error-mapping';
import { EventStoreDbEventStore } from './eventstoredb.event-store';
import { DensePositionsView, EVENTSTOREDB_DEVIATIONS, withDeviations } from './testing/contract-harness';
import { FakeEventStoreDb, LEDGER_CATEGORIES } from './testing/fake-eventstoredb';

withDeviations(EVENTSTOREDB_DEVIATIONS, () => {
  describeEventStoreContract('EventStoreDbEventStore on a model of the server', async () => {
    const fake = new FakeEventStoreDb();
    // MaxAppendSize as docker/ sets it: the contract appends 5,000 events, and a ~1 MB event, in one call.
    const options = {
      connectionString: 'esdb://model',
      feedCategories: [''],
      indexer: CONTRACT_INDEXER,
      maxAppendSize: 8 * 1024 * 1024,
    };
    const store = new EventStoreDbEventStore(options, fake.client);
    return { store: new DensePositionsView(store), cleanup: () => store.close() };
  });
});

describe('EventStoreDbEventStore on EventStoreDB terms', () => {
  let fake: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    fake = new FakeEventStoreDb();
    store = new EventStoreDbEventStore(
      { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES },
      fake.client,
    );
  });
  afterEach(() => store.close());

  it('stores version n at revision n - 1 and expects NO_STREAM for a new stream', async () => {
    const appends = jest.spyOn(fake.client, 'appendToStream');
    await store.append('agreement-a', 0, newEvents(2));
    await store.append('agreement-a', 2, newEvents(1));
    expect(appends.mock.calls.map(([, , options]) => options?.expectedRevision)).toEqual(['no_stream', 1n]);
    expect(fake.log.filter((r) => r.streamName === 'agreement-a').map((r) => r.revision)).toEqual([0n, 1n, 2n]);
    await expect(store.append('agreement-a', 0, newEvents(1))).rejects.toMatchObject({ actualVersion: 3 });
  });

  it("uses $all commit positions: increasing, sparse, and the feed's only", async () => {
    const first = await store.append('agreement-a', 0, newEvents(2));
    await store.append('person-5318014107900001', 0, newEvents(1), { idempotency: { key: 'k', requestHash: 'h' } });
    fake.write('invoice-1');
    const all = await readEverything(store, 2);
    const positions = all.map((e) => e.position);
    expect(all.map((e) => e.streamId)).toEqual(['agreement-a', 'agreement-a', 'person-5318014107900001']);
    expect(positions).toEqual(
      fake.log.filter((r) => /^(agreement|person)-/.test(r.streamName)).map((r) => Number(r.position)),
    );
    expect(positions[1] - positions[0]).toBeGreaterThan(1);
    expect(first.position).toBe(positions[1]);
    expect(await store.headPosition()).toBe(positions[2]);
    expect(Number(fake.log[fake.log.length - 1].position)).toBeGreaterThan(positions[2]);
  });

  it('finds the head by searching back from the end only as far as the previous search', async () => {
    await store.append('agreement-a', 0, newEvents(1));
    for (let i = 0; i < 200; i++) fake.write('$stats-node');
    const reads = jest.spyOn(fake.client, 'readAll');
    const head = await store.headPosition();
    const firstSearch = reads.mock.calls.length;
    expect(await store.headPosition()).toBe(head);
    expect(reads.mock.calls.length - firstSearch).toBe(1);
    const next = await store.append('person-1', 0, newEvents(1));
    expect(await store.headPosition()).toBe(next.position);
  });

  it("keeps the chain on 'any' when another writer slips in between the read and the append", async () => {
    await store.append('agreement-a', 0, newEvents(1));
    const other = new EventStoreDbEventStore(
      { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES },
      fake.client,
    );
    let slipped = false;
    fake.beforeAppend = async (name) => {
      if (slipped || name !== 'agreement-a') return;
      slipped = true;
      await other.append('agreement-a', 1, newEvents(1));
    };
    const result = await store.append('agreement-a', 'any', newEvents(2));
    expect(result.version).toBe(4);
    expect(verifyChain(await store.readStream('agreement-a'))).toEqual({ ok: true });
  });

  it('rejects an eventId repeated within one batch, and ids EventStoreDB would hand back changed round-trip', async () => {
    const twice = newEvent();
    await expect(store.append('agreement-a', 0, [twice, twice])).rejects.toThrow(/appears twice/);
    const custom = { ...newEvent(), eventId: 'EVT-0001' };
    await store.append('agreement-a', 0, [custom]);
    expect((await store.readStream('agreement-a'))[0].eventId).toBe('EVT-0001');
  });

  it('isolates ledgers that share a cluster by their stream prefix', async () => {
    const staging = new EventStoreDbEventStore(
      { connectionString: 'esdb://model', feedCategories: LEDGER_CATEGORIES, streamPrefix: 'staging.' },
      fake.client,
    );
    await staging.append('agreement-a', 0, newEvents(2));
    await store.append('agreement-a', 0, newEvents(1));
    expect(await staging.streamVersion('agreement-a')).toBe(2);
    expect(await store.streamVersion('agreement-a')).toBe(1);
    expect((await readEverything(staging)).map((e) => e.version)).toEqual([1, 2]);
    expect(fake.log.some((r) => r.streamName === 'staging.agreement-a')).toBe(true);
  });

  it("keeps the adapter's own streams out of the feed, even when every stream of the prefix is in it", async () => {
    const everything = new EventStoreDbEventStore(
      { connectionString: 'esdb://model', streamPrefix: 'all.', feedCategories: [''], indexer: CONTRACT_INDEXER },
      fake.client,
    );
    const paid = await everything.append('agreement-a', 0, [newEvent('Paid', { uniqueKeys: ['death:1'] })], {
      idempotency: { key: 'k', requestHash: 'h' },
    });
    await everything.saveCheckpoint('death-spread', paid.position);
    const own = fake.log.filter((r) => /^all\.(idempotency|unique-key|checkpoint)-/.test(r.streamName));
    expect(own.map((r) => r.streamName.split('-')[0])).toEqual(['all.idempotency', 'all.unique', 'all.checkpoint']);
    expect((await readEverything(everything)).map((e) => e.streamId)).toEqual(['agreement-a']);
    expect(await everything.headPosition()).toBe(paid.position);
    const pushed: string[] = [];
    const subscription = everything.subscribeToAll(0, async (events) => {
      pushed.push(...events.map((e) => e.streamId));
    });
    await everything.append('agreement-a', 1, newEvents(1));
    for (let i = 0; i < 100 && pushed.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await subscription.stop();
    expect(pushed).toEqual(['agreement-a', 'agreement-a']);
    await everything.close();
  });

  it('refuses streams holding events it did not write, and reserved stream ids', async () => {
    fake.write('agreement-x', 'Imported', { from: 'elsewhere' });
    await expect(store.readStream('agreement-x')).rejects.toThrow(/no ledger envelope/);
    await expect(store.append('agreement-x', 1, newEvents(1))).rejects.toThrow(/no ledger envelope/);
    for (const reserved of ['idempotency-abc', 'unique-key-abc', 'checkpoint-death-spread']) {
      await expect(store.append(reserved, 0, newEvents(1))).rejects.toThrow(/reserved/);
    }
  });

  it('reports an unreachable server as EventStoreDbUnavailableError', async () => {
    fake.failures.push({
      stream: () => true,
      when: 'before-write',
      error: new UnavailableError(undefined, '14 UNAVAILABLE'),
    });
    await expect(store.append('agreement-a', 0, newEvents(1))).rejects.toBeInstanceOf(EventStoreDbUnavailableError);
  });

  it('refuses calls once closed', async () => {
    await store.close();
    await expect(store.headPosition()).rejects.toThrow(/closed/);
  });
});
