import { randomUUID } from 'node:crypto';
import { jsonEvent } from '@eventstore/db-client';
import { AppendTooLargeError } from '@pks/event-store';
import { STREAM_PREFIXES } from '@pks/domain';
import { EventStoreDbEventStore } from '@pks/event-store/adapters';
import { connect } from '@pks/event-store/eventstoredb/client';
import { metadataFor, newEvent } from '@pks/event-store/event-store.test-fixtures';
import { WireStandIn } from './wire-stand-in/wire-stand-in';

const LIMIT = 64 * 1024;

/** The size of an append, as EventStoreDB counts it, against its MaxAppendSize; and a client that recovers. */
describe('EventStoreDbEventStore through the real client, on the wire stand-in with MaxAppendSize 64 KiB', () => {
  let standIn: WireStandIn;
  let store: EventStoreDbEventStore;
  const open = (maxAppendSize: number) =>
    new EventStoreDbEventStore({
      connectionString: standIn.connectionString(),
      feedCategories: STREAM_PREFIXES,
      streamPrefix: `t-${randomUUID()}.`,
      maxAppendSize,
    });
  const key = { key: randomUUID(), requestHash: 'sha256:request' };
  /** An event whose stored form is about `bytes` long (its data; the envelope adds under 1 KiB). */
  const eventOf = (bytes: number) => newEvent('CohortEnrolled', { members: 'm'.repeat(bytes) });
  beforeEach(async () => {
    standIn = await WireStandIn.start({ maxAppendSizeBytes: LIMIT });
    store = open(LIMIT);
  });
  afterEach(async () => {
    await store.close();
    await standIn.close();
  });

  it('refuses an append larger than the limit before writing anything, its idempotency claim included', async () => {
    const refused = store.append('agreement-a', 0, [eventOf(LIMIT - 200)], { idempotency: key });
    await expect(refused).rejects.toBeInstanceOf(AppendTooLargeError);
    await expect(refused).rejects.toMatchObject({ limitBytes: LIMIT, sizeBytes: expect.any(Number) });
    expect(await store.streamVersion('agreement-a')).toBe(0);
    expect(standIn.log.length).toBe(3); // the node's own records only
    expect((await store.append('agreement-a', 0, [eventOf(LIMIT - 2_000)], { idempotency: key })).version).toBe(1);
  });

  it('counts an append as the server does: both take the largest that fits, both refuse one byte more', async () => {
    const lenient = open(8 * LIMIT);
    try {
      const fixed = metadataFor({ commandId: 'cmd-fixed', causationId: 'cmd-fixed' });
      const first = (bytes: number) => [newEvent('CohortEnrolled', { members: 'm'.repeat(bytes) }, fixed)];
      await lenient.append('agreement-probe', 0, first(1_000));
      const probe = standIn.log.at(standIn.log.length - 1)!;
      const fits = LIMIT - (probe.data.length + probe.metadata.length + probe.type.length * 2 - 1_000);
      await expect(store.append('agreement-a', 0, first(fits + 1))).rejects.toMatchObject({ sizeBytes: LIMIT + 1 });
      await expect(lenient.append('agreement-b', 0, first(fits + 1))).rejects.toBeInstanceOf(AppendTooLargeError);
      expect((await store.append('agreement-a', 0, first(fits))).version).toBe(1);
      expect((await lenient.append('agreement-b', 0, first(fits))).version).toBe(1);
    } finally {
      await lenient.close();
    }
  });

  it("reports the server's own refusal as too large when the store was told a larger limit", async () => {
    const misconfigured = open(8 * LIMIT);
    try {
      await expect(misconfigured.append('agreement-a', 0, [eventOf(2 * LIMIT)])).rejects.toMatchObject({
        constructor: AppendTooLargeError,
        limitBytes: LIMIT,
      });
    } finally {
      await misconfigured.close();
    }
  });

  it('appends again once gossip answers, after an append that could not discover the cluster', async () => {
    await standIn.close();
    standIn = await WireStandIn.start({ nodes: 2 });
    const client = connect(
      standIn.connectionString(standIn.nodes, 'maxDiscoverAttempts=2&discoveryInterval=10&gossipTimeout=1'),
    );
    try {
      for (const node of standIn.nodes) node.gossipUp = false;
      await expect(client.appendToStream('s', jsonEvent({ type: 'T', data: {} }))).rejects.toThrow(/discover/);
      for (const node of standIn.nodes) node.gossipUp = true;
      await expect(client.appendToStream('s', jsonEvent({ type: 'T', data: {} }))).resolves.toMatchObject({
        success: true,
      });
    } finally {
      await client.dispose();
    }
  });
});
