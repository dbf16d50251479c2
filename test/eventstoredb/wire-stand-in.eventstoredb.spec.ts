import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { filteredReads, isFilteredReadUnsupported } from '@pks/event-store/eventstoredb/filtered-read';
import { WireStandIn } from './wire-stand-in/wire-stand-in';

/**
 * What the wire stand-in reproduces of EventStoreDB 24.10, checked through the real client alone (no adapter):
 * the rules the adapter's tests rely on. Each case names the server behaviour it models.
 */
describe('the wire stand-in, through @eventstore/db-client (a model of EventStoreDB 24.10, not the server)', () => {
  let standIn: WireStandIn;
  let client: EventStoreDBClient;
  beforeEach(async () => {
    standIn = await WireStandIn.start({ maxAppendSizeBytes: 4096 });
    client = EventStoreDBClient.connectionString(standIn.connectionString());
  });
  afterEach(async () => {
    await client.dispose();
    await standIn.close();
  });

  const event = (data: Record<string, unknown> = {}, id = randomUUID(), type = 'ThingHappened') =>
    jsonEvent({ id, type, data });
  const collect = async <T>(read: AsyncIterable<T>): Promise<T[]> => {
    const out: T[] = [];
    for await (const item of read) out.push(item);
    return out;
  };
  const positions = (events: readonly (ResolvedEvent | AllStreamResolvedEvent)[]) =>
    events.map((e) => e.event!.position!.commit);

  it('answers a conflict with WrongExpectedVersion and the current revision, or no-stream', async () => {
    await expect(client.appendToStream('s', event(), { expectedRevision: 0n })).rejects.toMatchObject({
      type: ErrorType.WRONG_EXPECTED_VERSION,
      actualVersion: NO_STREAM,
    });
    await client.appendToStream('s', [event(), event()], { expectedRevision: NO_STREAM });
    await expect(client.appendToStream('s', event(), { expectedRevision: NO_STREAM })).rejects.toMatchObject({
      actualVersion: 1n,
    });
  });

  it('accepts a retried append of the same event ids at the same revision without writing it twice', async () => {
    const ids = [randomUUID(), randomUUID()];
    const first = await client.appendToStream('s', [event({}, ids[0]), event({}, ids[1])], {
      expectedRevision: NO_STREAM,
    });
    const again = await client.appendToStream('s', [event({}, ids[0]), event({}, ids[1])], {
      expectedRevision: NO_STREAM,
    });
    expect(again).toEqual(first);
    expect(await collect(client.readStream('s'))).toHaveLength(2);
    await expect(
      client.appendToStream('s', [event({}, ids[0]), event()], { expectedRevision: NO_STREAM }),
    ).rejects.toMatchObject({ type: ErrorType.WRONG_EXPECTED_VERSION, actualVersion: 1n });
  });

  it('counts data + metadata + 2 x type length against MaxAppendSize, over every chunk of a batch', async () => {
    // {"b":"x..."} is 8 + k bytes, {"m":1} 7, and the 12-character type counts 24: an append of `total` bytes.
    const sized = (total: number) =>
      jsonEvent({ type: 'Twelve-chars', data: { b: 'x'.repeat(total - 39) }, metadata: { m: 1 } });
    await client.appendToStream('fits', sized(4096));
    await expect(client.appendToStream('too-big', sized(4097))).rejects.toMatchObject({
      type: ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED,
      maxAppendSize: 4096,
    });
    const many = Array.from({ length: 8 }, () => sized(600));
    await expect(client.appendToStream('chunked', many, { batchAppendSize: 1000 })).rejects.toMatchObject({
      type: ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED,
    });
    await expect(collect(client.readStream('chunked'))).rejects.toMatchObject({ type: ErrorType.STREAM_NOT_FOUND });
  });

  it('appends a batch sent in several chunks only once its final chunk arrives, whole', async () => {
    const many = Array.from({ length: 6 }, (_, i) => event({ i, pad: 'p'.repeat(300) }));
    await client.appendToStream('chunked', many, { expectedRevision: NO_STREAM, batchAppendSize: 700 });
    const read = await collect(client.readStream('chunked'));
    expect(read.map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
  });

  it('answers Timeout, writing nothing, when the write timeout leaves the append no time to arrive', async () => {
    const hurried = await WireStandIn.start({ writeTimeoutMs: 0 });
    const hurriedClient = EventStoreDBClient.connectionString(hurried.connectionString());
    try {
      await expect(hurriedClient.appendToStream('late', event())).rejects.toMatchObject({
        type: ErrorType.DEADLINE_EXCEEDED,
      });
      await expect(collect(hurriedClient.readStream('late'))).rejects.toMatchObject({
        type: ErrorType.STREAM_NOT_FOUND,
      });
    } finally {
      await hurriedClient.dispose();
      await hurried.close();
    }
  });

  it('reads $all forwards including the start position, backwards excluding it', async () => {
    await client.appendToStream('a', [event(), event(), event()]);
    const all = await collect(client.readAll({ fromPosition: START, maxCount: 100 }));
    const middle = all[all.length - 2].event!.position!;
    expect(positions(await collect(client.readAll({ fromPosition: middle, maxCount: 100 })))).toEqual(
      positions(all.slice(-2)),
    );
    const before = await collect(client.readAll({ fromPosition: middle, direction: BACKWARDS, maxCount: 100 }));
    expect(positions(before)).toEqual(positions(all.slice(0, -2)).reverse());
    expect(positions(await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })))).toEqual(
      positions(all.slice(-1)),
    );
  });

  it('filters a read of $all on the server: up to count matches, forwards from its start, backwards before it', async () => {
    const readFiltered = filteredReads(client)!;
    for (let i = 0; i < 5; i++) await client.appendToStream(i % 2 ? `other-${i}` : `ledger-${i}`, event());
    const ledger = await collect(client.readAll({ fromPosition: START, maxCount: 100 }));
    const mine = ledger.filter((e) => e.event!.streamId.startsWith('ledger-'));
    const [first] = mine;
    const forwards = (fromPosition: Position | 'start', maxCount: number) =>
      collect(readFiltered({ fromPosition, maxCount, streamNameRegex: '^ledger-' }));
    expect(positions(await forwards('start', 100))).toEqual(positions(mine));
    expect(positions(await forwards(first.event!.position!, 2))).toEqual(positions(mine.slice(0, 2)));
    const backwards = await collect(
      readFiltered({ fromPosition: END, maxCount: 2, streamNameRegex: '^ledger-', direction: BACKWARDS }),
    );
    expect(positions(backwards)).toEqual(positions(mine.slice(-2)).reverse());
    const before = await collect(
      readFiltered({
        fromPosition: mine[2].event!.position!,
        maxCount: 9,
        streamNameRegex: '^ledger-',
        direction: BACKWARDS,
      }),
    );
    expect(positions(before)).toEqual(positions(mine.slice(0, 2)).reverse());
  });

  it('answers a filtered read UNIMPLEMENTED when it models a server that cannot serve one', async () => {
    const plain = await WireStandIn.start({ filteredReads: false });
    const plainClient = EventStoreDBClient.connectionString(plain.connectionString());
    try {
      const read = filteredReads(plainClient)!({ fromPosition: START, maxCount: 1, streamNameRegex: '^a' });
      const failure = await collect(read).catch((error: unknown) => error);
      expect(isFilteredReadUnsupported(failure)).toBe(true);
    } finally {
      await plainClient.dispose();
      await plain.close();
    }
  });

  it('refuses a position that is not where an event starts', async () => {
    await client.appendToStream('a', event());
    const [last] = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    const inside: Position = { commit: last.event!.position!.commit + 1n, prepare: last.event!.position!.commit + 1n };
    await expect(collect(client.readAll({ fromPosition: inside, maxCount: 1 }))).rejects.toThrow(/invalid position/);
  });

  it('reports a missing stream as StreamNotFound', async () => {
    await expect(collect(client.readStream('nowhere'))).rejects.toMatchObject({ type: ErrorType.STREAM_NOT_FOUND });
  });

  it('filters a subscription on the server, exclusive of its start, with checkpoints as it searches', async () => {
    await client.appendToStream('ledger-1', event());
    const [start] = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    for (let i = 0; i < 40; i++) await client.appendToStream(`other-${i}`, event());
    await client.appendToStream('ledger-2', event());
    const checkpoints: bigint[] = [];
    const seen: string[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: start.event!.position!,
      filter: streamNameFilter({ regex: '^ledger-', checkpointReached: (_s, p) => void checkpoints.push(p.commit) }),
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => seen.push(resolved.event!.streamId));
    await until(() => checkpoints.length >= 2);
    await client.appendToStream('ledger-3', event());
    await until(() => seen.length >= 2);
    await subscription.unsubscribe();
    expect(seen).toEqual(['ledger-2', 'ledger-3']);
    expect(checkpoints[0]).toBeGreaterThan(start.event!.position!.commit);
    expect(standIn.subscriptionsSeen).toMatchObject([{ from: start.event!.position!.commit, filtered: true }]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met within 2 s');
}
