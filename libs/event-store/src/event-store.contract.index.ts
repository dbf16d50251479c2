import { AppendConditionFailedError, UniqueKeyTakenError } from './event-store.errors';
import { type ContractContext, expectUnchanged, newEvent } from './event-store.test-fixtures';

/** Index and checkpoint part of the EventStore contract (run with CONTRACT_INDEXER); see describeEventStoreContract. */
export function describeIndexContract(ctx: ContractContext): void {
  describe('index', () => {
    it('finds the events that hold a key, across streams, in position order', async () => {
      await ctx.store.append('agreement-a', 0, [newEvent('Enrolled', { keys: ['member:1', 'member:2'] })]);
      await ctx.store.append('agreement-b', 0, [newEvent('Other'), newEvent('Enrolled', { keys: ['member:2'] })]);
      const hits = await ctx.store.lookup(['member:2', 'member:9']);
      expect(hits.map((h) => [h.key, h.streamId, h.version])).toEqual([
        ['member:2', 'agreement-a', 1],
        ['member:2', 'agreement-b', 2],
      ]);
      const [first, second] = hits;
      expect(second.position).toBeGreaterThan(first.position);
      expect(await ctx.store.lookup(['member:1'])).toEqual([
        { key: 'member:1', streamId: 'agreement-a', version: 1, position: first.position },
      ]);
      expect(await ctx.store.lookup([])).toEqual([]);
    });

    it('keeps the many keys of one event exactly as given: quotes, backslashes and non-ASCII text included', async () => {
      const plain = Array.from({ length: 50 }, (_, i) => `member:32${String(i).padStart(14, '0')}`);
      const odd = ['member:"quoted"', 'member:back\\slash', 'member:Bekasi Utara é', 'member:😀'];
      await ctx.store.append('agreement-a', 0, [newEvent('Enrolled', { keys: [...plain, ...odd] })]);
      await ctx.store.append('agreement-b', 0, [newEvent('Enrolled', { keys: odd })]);
      const hits = await ctx.store.lookup([...plain, ...odd]);
      expect(hits.filter((h) => h.streamId === 'agreement-a').map((h) => h.key)).toEqual([...plain, ...odd].sort());
      expect(hits.filter((h) => h.streamId === 'agreement-b').map((h) => h.key)).toEqual([...odd].sort());
    });

    it('keeps a key an indexer gives twice for one event once, held uniquely when either time was unique', async () => {
      await ctx.store.append('agreement-a', 0, [
        newEvent('Enrolled', {
          keys: ['member:1', 'member:1', 'both:1'],
          uniqueKeys: ['death:1', 'death:1', 'both:1'],
        }),
      ]);
      const hits = await ctx.store.lookup(['member:1', 'death:1', 'both:1']);
      expect(hits.map((h) => [h.key, h.streamId, h.version])).toEqual([
        ['both:1', 'agreement-a', 1],
        ['death:1', 'agreement-a', 1],
        ['member:1', 'agreement-a', 1],
      ]);
      const second = ctx.store.append('agreement-b', 0, [newEvent('Paid', { uniqueKeys: ['both:1'] })]);
      await expect(second).rejects.toMatchObject({ key: 'both:1', holder: { streamId: 'agreement-a', version: 1 } });
    });

    it('refuses a unique key only to a second unique holder: the same key held as a plain key does not count', async () => {
      await ctx.store.append('agreement-a', 0, [newEvent('Enrolled', { keys: ['claim:1'] })]);
      const first = await ctx.store.append('agreement-b', 0, [newEvent('Paid', { uniqueKeys: ['claim:1'] })]);
      expect(first.version).toBe(1);
      const second = ctx.store.append('agreement-c', 0, [newEvent('Paid', { uniqueKeys: ['claim:1'] })]);
      await expect(second).rejects.toMatchObject({ key: 'claim:1', holder: { streamId: 'agreement-b', version: 1 } });
      const hits = await ctx.store.lookup(['claim:1']);
      expect(hits.map((h) => h.streamId)).toEqual(['agreement-a', 'agreement-b']);
    });

    it('keeps the keys of each event of one append at that event, unique keys among them', async () => {
      const result = await ctx.store.append('agreement-a', 0, [
        newEvent('Enrolled', { keys: ['member:1', 'member:2', 'member:3'] }),
        newEvent('Paid', { keys: ['member:2', 'member:4'], uniqueKeys: ['death:2'] }),
        newEvent('Enrolled', { keys: ['member:3', 'member:5'] }),
      ]);
      const [one, two, three] = result.events.map((event) => event.position);
      const hits = await ctx.store.lookup(['member:1', 'member:2', 'member:3', 'member:4', 'member:5', 'death:2']);
      expect(hits.map((h) => [h.key, h.position, h.version])).toEqual([
        ['member:1', one, 1],
        ['member:2', one, 1],
        ['member:3', one, 1],
        ['death:2', two, 2],
        ['member:2', two, 2],
        ['member:4', two, 2],
        ['member:3', three, 3],
        ['member:5', three, 3],
      ]);
    });

    it('refuses a second holder of a unique key and writes nothing of that append', async () => {
      await ctx.store.append('agreement-a', 0, [newEvent('Paid', { uniqueKeys: ['death:1'] })]);
      const attempt = ctx.store.append('agreement-b', 0, [
        newEvent('Other', { keys: ['member:1'] }),
        newEvent('Paid', { uniqueKeys: ['death:1'] }),
      ]);
      await expect(attempt).rejects.toBeInstanceOf(UniqueKeyTakenError);
      await expect(attempt).rejects.toMatchObject({ key: 'death:1', holder: { streamId: 'agreement-a', version: 1 } });
      await expectUnchanged(ctx.store, 1, 'agreement-b', 0);
      expect(await ctx.store.lookup(['member:1'])).toEqual([]);
    });

    it('refuses a unique key given twice in one append', async () => {
      const twice = [newEvent('Paid', { uniqueKeys: ['death:2'] }), newEvent('Paid', { uniqueKeys: ['death:2'] })];
      await expect(ctx.store.append('agreement-a', 0, twice)).rejects.toBeInstanceOf(UniqueKeyTakenError);
      expect(await ctx.store.lookup(['death:2'])).toEqual([]);
    });

    it('lets exactly one of concurrent appends take a unique key', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          ctx.store.append(`agreement-${i}`, 0, [newEvent('Paid', { uniqueKeys: ['death:3'] })]),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await ctx.store.lookup(['death:3'])).toHaveLength(1);
    });
  });

  describe('append conditions', () => {
    it('refuses an append when an event holding a watched key came after the position the decision read', async () => {
      const read = await ctx.store.headPosition();
      await ctx.store.append('agreement-a', 0, [newEvent('Paid', { uniqueKeys: ['death:5'] })]);
      const attempt = ctx.store.append('agreement-b', 0, [newEvent('Enrolled', { keys: ['member:5'] })], {
        condition: { keys: ['death:5', 'death:6'], after: read },
      });
      await expect(attempt).rejects.toBeInstanceOf(AppendConditionFailedError);
      await expect(attempt).rejects.toMatchObject({ hit: { key: 'death:5', streamId: 'agreement-a' } });
      await expectUnchanged(ctx.store, 1, 'agreement-b', 0);
    });

    it('lets the append through when the watched keys did not move since', async () => {
      await ctx.store.append('agreement-a', 0, [newEvent('Paid', { uniqueKeys: ['death:5'] })]);
      const read = await ctx.store.headPosition();
      const result = await ctx.store.append('agreement-b', 0, [newEvent('Enrolled', { keys: ['member:5'] })], {
        condition: { keys: ['death:5'], after: read },
      });
      expect(result.version).toBe(1);
    });

    it('lets the append through when only events without the watched keys came after the position read', async () => {
      const read = await ctx.store.headPosition();
      await ctx.store.append('agreement-a', 0, [newEvent('Paid', { uniqueKeys: ['death:7'] })]);
      const result = await ctx.store.append('agreement-b', 0, [newEvent('Enrolled', { keys: ['member:8'] })], {
        condition: { keys: ['death:8'], after: read },
      });
      expect(result.version).toBe(1);
    });

    it('refuses an append whose watched key was taken by an append requested just before it, in the same turn', async () => {
      const read = await ctx.store.headPosition();
      const [first, second] = await Promise.allSettled([
        ctx.store.append('agreement-a', 0, [newEvent('Paid', { uniqueKeys: ['death:9'] })]),
        ctx.store.append('agreement-b', 0, [newEvent('Enrolled', { keys: ['member:9'] })], {
          condition: { keys: ['death:9'], after: read },
        }),
      ]);
      expect(first.status).toBe('fulfilled');
      expect(second).toMatchObject({
        status: 'rejected',
        reason: { hit: { key: 'death:9', streamId: 'agreement-a' } },
      });
      await expectUnchanged(ctx.store, 1, 'agreement-b', 0);
    });
  });

  describe('checkpoints', () => {
    it('start at 0, keep the latest position saved and ignore an earlier one', async () => {
      expect(await ctx.store.readCheckpoint('death-spread')).toBe(0);
      await ctx.store.saveCheckpoint('death-spread', 7);
      await ctx.store.saveCheckpoint('death-spread', 3);
      expect(await ctx.store.readCheckpoint('death-spread')).toBe(7);
      expect(await ctx.store.readCheckpoint('other')).toBe(0);
    });

    it('refuse a negative or fractional position', async () => {
      await expect(ctx.store.saveCheckpoint('x', -1)).rejects.toThrow(/non-negative integer/);
      await expect(ctx.store.saveCheckpoint('x', 1.5)).rejects.toThrow(/non-negative integer/);
    });
  });
}
