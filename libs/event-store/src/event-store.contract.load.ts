import { randomBytes } from 'node:crypto';
import { WrongExpectedVersionError } from './event-store.errors';
import type { NewEvent } from './event-store.port';
import { type ContractContext, newEvent, newEvents, range, readEverything } from './event-store.test-fixtures';
import { verifyChain } from './hash-chain';

/** Size and concurrency part of the EventStore contract; see describeEventStoreContract. */
export function describeLoadContract(ctx: ContractContext): void {
  describe('large appends', () => {
    it('appends 5,000 events in one call', async () => {
      const result = await ctx.store.append('big', 0, newEvents(5000));
      expect(result).toMatchObject({ version: 5000, position: 5000 });
      expect(result.events).toHaveLength(5000);
      const events = await ctx.store.readStream('big');
      expect(events.map((e) => e.version)).toEqual(range(5000));
      expect(verifyChain(events)).toEqual({ ok: true });
      expect(await readEverything(ctx.store, 1000)).toHaveLength(5000);
    });

    it('stores a single event with a ~1 MB payload', async () => {
      const blob = randomBytes(768 * 1024).toString('base64');
      const event = newEvent('DocumentAttached', { blob, pages: [1, 2, 3] });
      await ctx.store.append('doc', 0, [event]);
      const [read] = await ctx.store.readStream('doc');
      expect(blob.length).toBeGreaterThanOrEqual(1_000_000);
      expect(read.data).toEqual({ blob, pages: [1, 2, 3] });
      expect(verifyChain([read])).toEqual({ ok: true });
    });
  });

  describe('concurrent appenders', () => {
    it('lets exactly one of 50 appends with the same expected version win', async () => {
      await ctx.store.append('s-1', 0, newEvents(1));
      const outcomes = await Promise.allSettled(range(50).map(() => ctx.store.append('s-1', 1, newEvents(2))));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const reason of lost) expect(reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(await ctx.store.streamVersion('s-1')).toBe(3);
      expect(await ctx.store.headPosition()).toBe(3);
    });

    it('lets 50 appenders on different streams all succeed, with every event once and no gaps', async () => {
      const appended: NewEvent[] = [];
      const appender = async (n: number): Promise<void> => {
        let version = 0;
        for (let round = 0; round < 4; round++) {
          const batch = newEvents(((n + round) % 3) + 1);
          appended.push(...batch);
          version = (await ctx.store.append(`stream-${n}`, version, batch)).version;
        }
      };
      await Promise.all(range(50).map(appender));

      const all = await readEverything(ctx.store);
      expect(all.map((e) => e.position)).toEqual(range(appended.length));
      expect(await ctx.store.headPosition()).toBe(appended.length);
      expect(new Set(all.map((e) => e.eventId))).toEqual(new Set(appended.map((e) => e.eventId)));
      for (const n of range(50)) {
        const stream = await ctx.store.readStream(`stream-${n}`);
        expect(stream.map((e) => e.version)).toEqual(range(stream.length));
        expect(verifyChain(stream)).toEqual({ ok: true });
      }
    });
  });
}
