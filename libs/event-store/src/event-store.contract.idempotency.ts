import { IdempotencyKeyTakenError, WrongExpectedVersionError } from './event-store.errors';
import { type ContractContext, expectUnchanged, newEvents } from './event-store.test-fixtures';

/** Idempotency-Key part of the EventStore contract; see describeEventStoreContract. */
export function describeIdempotencyContract(ctx: ContractContext): void {
  describe('idempotency keys', () => {
    const claim = { key: 'key-1', requestHash: 'sha256:request-1' };

    it('records the key with the request hash and the range it appended', async () => {
      await ctx.store.append('other', 0, newEvents(2));
      await ctx.store.append('s-1', 0, newEvents(1));
      const result = await ctx.store.append('s-1', 1, newEvents(3), { idempotency: claim });
      expect(await ctx.store.findIdempotencyRecord('key-1')).toEqual({
        key: 'key-1',
        requestHash: 'sha256:request-1',
        streamId: 's-1',
        fromVersion: 2,
        toVersion: 4,
        position: result.position,
      });
      expect(result.position).toBe(6);
    });

    it('returns null for a key never used', async () => {
      await ctx.store.append('s-1', 0, newEvents(1), { idempotency: claim });
      expect(await ctx.store.findIdempotencyRecord('key-2')).toBeNull();
    });

    it('rejects a second append with the same key and writes nothing, even to another stream', async () => {
      await ctx.store.append('s-1', 0, newEvents(1), { idempotency: claim });
      const sameStream = ctx.store.append('s-1', 1, newEvents(1), { idempotency: claim });
      await expect(sameStream).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      await expect(sameStream).rejects.toMatchObject({ key: 'key-1' });
      const otherRequest = { key: 'key-1', requestHash: 'sha256:another' };
      await expect(ctx.store.append('s-2', 'any', newEvents(1), { idempotency: otherRequest })).rejects.toBeInstanceOf(
        IdempotencyKeyTakenError,
      );
      await expectUnchanged(ctx.store, 1, 's-1', 1);
      await expectUnchanged(ctx.store, 1, 's-2', 0);
      expect(await ctx.store.findIdempotencyRecord('key-1')).toMatchObject({ requestHash: 'sha256:request-1' });
    });

    it('reports a taken key before a version conflict, so a retried request can be replayed', async () => {
      await ctx.store.append('s-1', 0, newEvents(1), { idempotency: claim });
      // The retry carries the expected version of the first attempt, which that attempt itself moved on.
      await expect(ctx.store.append('s-1', 0, newEvents(1), { idempotency: claim })).rejects.toBeInstanceOf(
        IdempotencyKeyTakenError,
      );
    });

    it('does not record the key when the append fails', async () => {
      await ctx.store.append('s-1', 0, newEvents(1));
      const attempt = ctx.store.append('s-1', 0, newEvents(1), { idempotency: claim });
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await ctx.store.findIdempotencyRecord('key-1')).toBeNull();
      await ctx.store.append('s-1', 1, newEvents(1), { idempotency: claim });
      expect(await ctx.store.findIdempotencyRecord('key-1')).toMatchObject({ fromVersion: 2, toVersion: 2 });
    });
  });
}
