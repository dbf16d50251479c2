import type { RecordedEvent as StoredEvent } from '@eventstore/db-client';
import { claimEventData, decodeClaim, judgeClaim, recordOf, type KeyClaim } from './idempotency-claims';
import { sameSlot } from './target-slot';

const claim: KeyClaim = {
  key: 'key-1',
  requestHash: 'sha256:req',
  streamId: 'agreement-a',
  expectedVersion: 3,
  eventCount: 2,
  firstEventId: 'e-1',
};

describe('idempotency claims', () => {
  it.each([
    ['its first event sits in the slot, carrying the key', 5, { id: 'e-1', idempotencyKey: 'key-1' }, 'committed'],
    ['another event took the slot', 5, { id: 'e-9', idempotencyKey: undefined }, 'dead'],
    ['a rival append with the same key took the slot', 4, { id: 'e-9', idempotencyKey: 'key-1' }, 'dead'],
    ['the slot is free and the stream still at the expected version', 3, null, 'pending'],
    ['the stream is below the expected version', 2, null, 'dead'],
  ] as const)('is %s: %s', (_label, streamVersion, slotEvent, status) => {
    expect(judgeClaim(claim, { streamVersion, slotEvent })).toBe(status);
  });

  it('records the versions and position of the committed append', () => {
    expect(recordOf(claim, 77_000)).toEqual({
      key: 'key-1',
      requestHash: 'sha256:req',
      streamId: 'agreement-a',
      fromVersion: 4,
      toVersion: 5,
      position: 77_000,
    });
  });

  it('tells whether two appends compete for one slot', () => {
    expect(sameSlot(claim, 'agreement-a', 3)).toBe(true);
    expect(sameSlot(claim, 'agreement-a', 4)).toBe(false);
    expect(sameSlot(claim, 'agreement-b', 3)).toBe(false);
  });

  it('round-trips a claim through its event, keeping only the claim fields', () => {
    const data = claimEventData(claim);
    const event = {
      type: data.type,
      data: { ...(data.data as object), extra: 1 },
      revision: 0n,
      streamId: 'idempotency-x',
    } as unknown as StoredEvent;
    expect(decodeClaim(event)).toEqual(claim);
    expect(claimEventData(claim).id).not.toBe(data.id);
  });

  it.each([
    ['another type', { type: 'Other' }],
    ['a missing stream id', { data: { ...claim, streamId: undefined } }],
    ['an empty append', { data: { ...claim, eventCount: 0 } }],
    ['a negative version', { data: { ...claim, expectedVersion: -1 } }],
  ])('refuses an event with %s', (_label, patch) => {
    const event = {
      type: 'IdempotencyKeyClaimed',
      data: claim,
      revision: 2n,
      streamId: 'idempotency-x',
      ...patch,
    } as unknown as StoredEvent;
    expect(() => decodeClaim(event)).toThrow(/event 2 of idempotency-x is not an idempotency claim/);
  });
});
