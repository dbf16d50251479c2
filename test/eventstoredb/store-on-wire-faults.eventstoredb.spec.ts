import { randomUUID } from 'node:crypto';
import { STREAM_PREFIXES } from '@pks/domain';
import { EventStoreDbEventStore } from '@pks/event-store/adapters';
import {
  IdempotencyKeyTakenError,
  StoreUnavailableError,
  WrongExpectedVersionError,
  type EventStore,
} from '@pks/event-store';
import { newEvents } from '@pks/event-store/event-store.test-fixtures';
import { WireStandIn } from './wire-stand-in/wire-stand-in';

/**
 * What a real cluster does to the adapter and the model of the client never showed, reproduced by the wire
 * stand-in (each stand-in private to its test, so that faults can be injected): answers that are not errors,
 * refusals that are not exceptions the client classifies, leader changes, failed discovery, write timeouts.
 */
describe('EventStoreDbEventStore through the real client, on the wire stand-in with injected faults', () => {
  let standIn: WireStandIn;
  const stores: EventStore[] = [];
  const open = (connectionString: string, prefix = `t-${randomUUID()}.`) => {
    const store = new EventStoreDbEventStore({
      connectionString,
      feedCategories: STREAM_PREFIXES,
      streamPrefix: prefix,
    });
    stores.push(store);
    return store;
  };
  const claim = (key = randomUUID()) => ({ key, requestHash: 'sha256:request' });
  beforeEach(async () => {
    standIn = await WireStandIn.start({ nodes: 2, commitTimeoutMs: 100 });
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await standIn.close();
  });

  describe('with throwOnAppendFailure=false in the connection string', () => {
    const lenient = () => standIn.connectionString(undefined, 'throwOnAppendFailure=false');

    it('reports a lost race on the stream as a version conflict, not as success', async () => {
      const prefix = `t-${randomUUID()}.`;
      const [store, rival] = [open(lenient(), prefix), open(lenient(), prefix)];
      await store.append('agreement-a', 0, newEvents(1));
      slipInBefore('agreement-a', () => rival.append('agreement-a', 1, newEvents(1)));
      await expect(store.append('agreement-a', 1, newEvents(2))).rejects.toMatchObject({
        constructor: WrongExpectedVersionError,
        actualVersion: 2,
      });
      expect(await store.streamVersion('agreement-a')).toBe(2);
    });

    it('lets one of two appends holding the same Idempotency-Key commit, never both', async () => {
      const prefix = `t-${randomUUID()}.`;
      const [store, rival] = [open(lenient(), prefix), open(lenient(), prefix)];
      const key = claim();
      slipInBefore('idempotency-', () => rival.append('agreement-b', 0, newEvents(1), { idempotency: key }));
      await expect(store.append('agreement-a', 0, newEvents(1), { idempotency: key })).rejects.toBeInstanceOf(
        IdempotencyKeyTakenError,
      );
      expect(await store.streamVersion('agreement-a')).toBe(0);
      expect(await store.findIdempotencyRecord(key.key)).toMatchObject({ streamId: 'agreement-b', toVersion: 1 });
    });
  });

  it.each([
    ['not ready', 'not-ready'],
    ['too busy', 'too-busy'],
  ] as const)('reports a node %s to take an append as the store being unavailable', async (_what, kind) => {
    const store = open(standIn.connectionString());
    standIn.faults.onAppend(/agreement-a$/, { kind });
    await expect(store.append('agreement-a', 0, newEvents(1))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.streamVersion('agreement-a')).toBe(0);
    standIn.faults.onRead(/agreement-a$/, { kind });
    await expect(store.readStream('agreement-a')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('reports a cluster it cannot discover as unavailable, and works again once gossip answers', async () => {
    const url = standIn.connectionString(standIn.nodes, 'maxDiscoverAttempts=2&discoveryInterval=10&gossipTimeout=1');
    const store = open(url);
    for (const node of standIn.nodes) node.gossipUp = false;
    await expect(store.append('agreement-a', 0, newEvents(1))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.readStream('agreement-a')).rejects.toBeInstanceOf(StoreUnavailableError);
    for (const node of standIn.nodes) node.gossipUp = true;
    expect((await store.append('agreement-a', 0, newEvents(1))).version).toBe(1);
    expect(await store.readStream('agreement-a')).toHaveLength(1);
  });

  it('follows the leader a follower names, and appends there once', async () => {
    standIn.elect(standIn.nodes[1]);
    const store = open(standIn.connectionString([standIn.nodes[0]]));
    expect((await store.append('agreement-a', 0, newEvents(2))).version).toBe(2);
    expect((await store.append('agreement-a', 2, newEvents(1))).version).toBe(3);
  });

  it('follows the leader through an election between two appends', async () => {
    const store = open(standIn.connectionString(standIn.nodes, 'discoveryInterval=10'));
    await store.append('agreement-a', 0, newEvents(1), { idempotency: claim() });
    standIn.elect(standIn.nodes[1]);
    expect((await store.append('agreement-a', 1, newEvents(1), { idempotency: claim() })).version).toBe(2);
    expect(await store.readStream('agreement-a')).toHaveLength(2);
  });

  describe('when the server answers Timeout (its commit timeout passed)', () => {
    it('says the outcome is unknown, and a retry with the same Idempotency-Key finds the append made', async () => {
      const store = open(standIn.connectionString());
      const key = claim();
      standIn.faults.onAppend(/agreement-a$/, { kind: 'commit-timeout', lands: true });
      const failed = store.append('agreement-a', 0, newEvents(1), { idempotency: key });
      await expect(failed).rejects.toThrow(/may or may not have been written/);
      await expect(store.append('agreement-a', 0, newEvents(1), { idempotency: key })).rejects.toBeInstanceOf(
        IdempotencyKeyTakenError,
      );
      expect(await store.findIdempotencyRecord(key.key)).toMatchObject({ fromVersion: 1, toVersion: 1 });
    });

    it('lets the retry append when the first attempt was never written', async () => {
      const store = open(standIn.connectionString());
      const key = claim();
      standIn.faults.onAppend(/agreement-a$/, { kind: 'commit-timeout', lands: false });
      await expect(store.append('agreement-a', 0, newEvents(1), { idempotency: key })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect((await store.append('agreement-a', 0, newEvents(1), { idempotency: key })).version).toBe(1);
      expect(await store.readStream('agreement-a')).toHaveLength(1);
    });

    it('keeps one append when a slow write lands after a retry has taken its place', async () => {
      const store = open(standIn.connectionString());
      const key = claim();
      standIn.faults.onAppend(/agreement-a$/, { kind: 'slow-commit', ms: 300 });
      await expect(store.append('agreement-a', 0, newEvents(1), { idempotency: key })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect((await store.append('agreement-a', 0, newEvents(2), { idempotency: key })).version).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await store.readStream('agreement-a')).toHaveLength(2);
      expect(await store.findIdempotencyRecord(key.key)).toMatchObject({ fromVersion: 1, toVersion: 2 });
    });
  });

  /** Runs `rival` once, just before the first write to a stream whose name contains `stream` is checked. */
  function slipInBefore(stream: string, rival: () => Promise<unknown>): void {
    let done = false;
    standIn.beforeCommit = async (streamName) => {
      if (done || !streamName.includes(stream)) return;
      done = true;
      await rival();
    };
  }
});
