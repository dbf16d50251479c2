import { WrongExpectedVersionError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { describeIdempotencyContract } from './event-store.contract.idempotency';
import { describeIndexContract } from './event-store.contract.index';
import { describeLoadContract } from './event-store.contract.load';
import {
  type ContractContext,
  expectUnchanged,
  metadataFor,
  newEvent,
  newEvents,
  range,
  readEverything,
} from './event-store.test-fixtures';
import { verifyChain } from './hash-chain';

/** Creates a fresh, empty store for one test, and disposes of it afterwards. */
export type EventStoreFactory = () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>;

/**
 * The behaviour every {@link EventStore} adapter must show. Call it from an adapter's spec file; it defines
 * jest tests, each on a fresh store from `factory`. Not exported from the barrel: it needs jest globals.
 */
export function describeEventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`${name} (EventStore contract)`, () => {
    let current: Awaited<ReturnType<EventStoreFactory>> | undefined;
    const context: ContractContext = {
      get store() {
        if (!current) throw new Error('store used outside a test');
        return current.store;
      },
    };
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    describeAppendContract(context);
    describeReadContract(context);
    describeIdempotencyContract(context);
    describeLoadContract(context);
    describeIndexContract(context);
  });
}

function describeAppendContract(ctx: ContractContext): void {
  describe('append', () => {
    it('creates a stream with expected version 0 and numbers versions and positions from 1', async () => {
      const result = await ctx.store.append('s-1', 0, newEvents(2));
      expect(result).toMatchObject({ streamId: 's-1', version: 2, position: 2 });
      expect(result.events.map((e) => [e.streamId, e.version, e.position])).toEqual([
        ['s-1', 1, 1],
        ['s-1', 2, 2],
      ]);
      expect(await ctx.store.streamVersion('s-1')).toBe(2);
      expect(await ctx.store.readStream('s-1')).toEqual(result.events);
    });

    it.each([
      ['expected 0 on an existing stream', 0],
      ['a stale expected version', 1],
      ['an expected version ahead of the stream', 5],
    ])('rejects %s with WrongExpectedVersionError and writes nothing', async (_label, expected) => {
      await ctx.store.append('s-1', 0, newEvents(2));
      const attempt = ctx.store.append('s-1', expected, newEvents(3));
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(attempt).rejects.toMatchObject({ streamId: 's-1', expectedVersion: expected, actualVersion: 2 });
      await expectUnchanged(ctx.store, 2, 's-1', 2);
    });

    it('rejects a non-zero expected version on a stream that does not exist', async () => {
      await expect(ctx.store.append('nope', 1, newEvents(1))).rejects.toMatchObject({ actualVersion: 0 });
      await expectUnchanged(ctx.store, 0, 'nope', 0);
    });

    it("appends with 'any' whatever the stream's version", async () => {
      await ctx.store.append('s-1', 'any', newEvents(1));
      const result = await ctx.store.append('s-1', 'any', newEvents(2));
      expect(result).toMatchObject({ version: 3, position: 3 });
      expect(verifyChain(await ctx.store.readStream('s-1'))).toEqual({ ok: true });
    });

    it('rejects an empty events array with an Error', async () => {
      await expect(ctx.store.append('s-1', 0, [])).rejects.toThrow(Error);
      await expectUnchanged(ctx.store, 0, 's-1', 0);
    });

    it('rejects an eventId already recorded, or repeated in the batch, and writes nothing', async () => {
      const [first] = await ctx.store.append('s-1', 0, newEvents(1)).then((r) => r.events);
      const reused = { ...newEvent(), eventId: first.eventId };
      await expect(ctx.store.append('s-2', 0, [newEvent(), reused])).rejects.toThrow(Error);
      const twice = newEvent();
      await expect(ctx.store.append('s-2', 0, [twice, twice])).rejects.toThrow(Error);
      await expectUnchanged(ctx.store, 1, 's-2', 0);
    });

    it('rejects data that JSON cannot represent, and writes none of the batch', async () => {
      const batch = [newEvent(), newEvent(), newEvent('Bad', { amount: Number.NaN })];
      await expect(ctx.store.append('s-1', 0, batch)).rejects.toThrow(Error);
      await expectUnchanged(ctx.store, 0, 's-1', 0);
    });

    it('chains hashes within and across appends; the first previousHash is null', async () => {
      await ctx.store.append('s-1', 0, newEvents(3));
      const second = await ctx.store.append('s-1', 3, newEvents(2));
      const events = await ctx.store.readStream('s-1');
      expect(events[0].previousHash).toBeNull();
      expect(second.events[0].previousHash).toBe(events[2].hash);
      expect(events.map((e) => e.hash)).toEqual(expect.arrayContaining(second.events.map((e) => e.hash)));
      expect(verifyChain(events)).toEqual({ ok: true });
      expect(verifyChain(await ctx.store.readStream('s-1', { fromVersion: 3 }))).toEqual({ ok: true });
    });

    it('keeps history safe from mutation of the appended or returned objects', async () => {
      const data = { nested: { amount: 10 }, list: [1] };
      const result = await ctx.store.append('s-1', 0, [newEvent('T', data)]);
      data.nested.amount = 99;
      (result.events[0].data as typeof data).list.push(2);
      const [read] = await ctx.store.readStream('s-1');
      (read.data as typeof data).nested.amount = 42;
      expect((await ctx.store.readStream('s-1'))[0].data).toEqual({ nested: { amount: 10 }, list: [1] });
    });
  });
}

function describeReadContract(ctx: ContractContext): void {
  describe('reads', () => {
    it('readStream returns version order and honours fromVersion, toVersion and limit', async () => {
      await ctx.store.append('s-1', 0, newEvents(4));
      await ctx.store.append('other', 0, newEvents(2));
      await ctx.store.append('s-1', 4, newEvents(6));
      const versions = async (o?: object) => (await ctx.store.readStream('s-1', o)).map((e) => e.version);
      expect(await versions()).toEqual(range(10));
      expect(await versions({ fromVersion: 4 })).toEqual([4, 5, 6, 7, 8, 9, 10]);
      expect(await versions({ toVersion: 3 })).toEqual([1, 2, 3]);
      expect(await versions({ fromVersion: 3, toVersion: 8, limit: 4 })).toEqual([3, 4, 5, 6]);
      expect(await versions({ limit: 2 })).toEqual([1, 2]);
      expect(await versions({ fromVersion: 11 })).toEqual([]);
      expect(await ctx.store.readStream('missing')).toEqual([]);
    });

    it('readStream with types returns only those, in version order, the range and limit counting only them', async () => {
      await ctx.store.append('s-1', 0, [newEvent('Signed'), newEvent('Enrolled'), newEvent('Paid', { n: 3 })]);
      await ctx.store.append('other', 0, [newEvent('Paid')]);
      await ctx.store.append('s-1', 3, [newEvent('Enrolled'), newEvent('Paid', { n: 5 }), newEvent('Enrolled')]);
      const read = async (o: object) => (await ctx.store.readStream('s-1', o)).map((e) => `${e.type}${e.version}`);
      expect(await read({ types: ['Signed', 'Paid'] })).toEqual(['Signed1', 'Paid3', 'Paid5']);
      expect(await read({ types: ['Paid'], fromVersion: 4 })).toEqual(['Paid5']);
      expect(await read({ types: ['Paid'], toVersion: 4 })).toEqual(['Paid3']);
      expect(await read({ types: ['Enrolled', 'Paid'], fromVersion: 2, limit: 3 })).toEqual([
        'Enrolled2',
        'Paid3',
        'Enrolled4',
      ]);
      expect(await read({ types: ['Withdrawn'] })).toEqual([]);
      expect(await read({ types: [] })).toEqual([]);
      const [paid] = await ctx.store.readStream('s-1', { types: ['Paid'], fromVersion: 4 });
      expect(paid).toEqual((await ctx.store.readStream('s-1', { fromVersion: 5, limit: 1 }))[0]);
      await expect(ctx.store.readStream('s-1', { types: [''] })).rejects.toThrow('types');
    });

    it('streamVersion is 0 for an unknown stream and follows appends', async () => {
      expect(await ctx.store.streamVersion('s-1')).toBe(0);
      await ctx.store.append('s-1', 0, newEvents(3));
      await ctx.store.append('s-1', 3, newEvents(1));
      expect(await ctx.store.streamVersion('s-1')).toBe(4);
    });

    it('readAll returns every stream in commit order and pages with after and limit', async () => {
      await ctx.store.append('a', 0, newEvents(2));
      await ctx.store.append('b', 0, newEvents(3));
      await ctx.store.append('a', 2, newEvents(1));
      const all = await ctx.store.readAll({ after: 0, limit: 100 });
      expect(all.map((e) => `${e.streamId}${e.version}@${e.position}`)).toEqual([
        'a1@1',
        'a2@2',
        'b1@3',
        'b2@4',
        'b3@5',
        'a3@6',
      ]);
      expect((await ctx.store.readAll({ after: 2, limit: 3 })).map((e) => e.position)).toEqual([3, 4, 5]);
      expect(await ctx.store.readAll({ after: 6, limit: 10 })).toEqual([]);
      expect(await ctx.store.readAll({ after: 0, limit: 0 })).toEqual([]);
      expect(await readEverything(ctx.store, 4)).toEqual(all);
    });

    it('readTypes returns only the events of the types asked, paged like readAll', async () => {
      await ctx.store.append('a', 0, [newEvent('Paid', { n: 1 }), newEvent('Enrolled', { n: 2 })]);
      await ctx.store.append('b', 0, [newEvent('Died', { n: 3 }), newEvent('Paid', { n: 4 })]);
      await ctx.store.append('a', 2, [newEvent('Died', { n: 5 })]);
      const read = (after: number, limit: number, types: string[]) =>
        ctx.store.readTypes({ after, limit, types }).then((events) => events.map((e) => `${e.type}@${e.position}`));
      expect(await read(0, 10, ['Died'])).toEqual(['Died@3', 'Died@5']);
      expect(await read(0, 10, ['Died', 'Paid'])).toEqual(['Paid@1', 'Died@3', 'Paid@4', 'Died@5']);
      expect(await read(1, 2, ['Died', 'Paid'])).toEqual(['Died@3', 'Paid@4']);
      expect(await read(5, 10, ['Died'])).toEqual([]);
      expect(await read(0, 10, ['Withdrawn'])).toEqual([]);
      const [died] = await ctx.store.readTypes({ after: 3, limit: 1, types: ['Died'] });
      expect(died).toEqual((await ctx.store.readAll({ after: 4, limit: 1 }))[0]);
      await expect(ctx.store.readTypes({ after: 0, limit: 1, types: [''] })).rejects.toThrow('types');
    });

    it('headPosition is 0 when empty, then the position of the last event', async () => {
      expect(await ctx.store.headPosition()).toBe(0);
      await ctx.store.append('a', 0, newEvents(2));
      await ctx.store.append('b', 0, newEvents(5));
      expect(await ctx.store.headPosition()).toBe(7);
    });

    it('round-trips type, data and metadata exactly', async () => {
      const metadata = metadataFor({ actor: 'Ibu Siti Nurhaliza — "admin" \u{1F600}', schemaVersion: 3 });
      const data = { amount: 1234.5, nik: '3201010101010001', flags: [true, false, null], nested: { empty: {} } };
      const event = newEvent('AgreementSigned', data, metadata);
      const [appended] = (await ctx.store.append('s-1', 0, [event])).events;
      const [read] = await ctx.store.readStream('s-1');
      const [fromAll] = await ctx.store.readAll({ after: 0, limit: 1 });
      for (const e of [appended, read, fromAll]) {
        expect({ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata }).toStrictEqual(event);
      }
    });
  });
}
