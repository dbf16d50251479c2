import { randomUUID } from 'node:crypto';
import type { JSONEventData, RecordedEvent as StoredEvent } from '@eventstore/db-client';
import type { IdempotencyRecord } from '../event-store.port';
import { judgeSlot, type Slot, type SlotObservation, type SlotStatus } from './target-slot';

/**
 * Idempotency without multi-stream transactions.
 *
 * EventStoreDB writes one stream atomically, never two, and its own duplicate detection is a cache of recent
 * event ids, not a durable record. So an Idempotency-Key is recorded in two steps:
 * 1. a claim is appended to the key's own stream (`idempotency-<sha256(key)>`), at the revision the writer last
 *    saw there (NO_STREAM for a new key): claims of one key are serialised, a concurrent claimer gets a conflict;
 *    the claim names the target stream, the version the append expects there, and the first event's id;
 * 2. the events are appended to the target stream with that expected version, each carrying the key.
 * A claim is never updated. Its outcome is read from the target stream, whose slot (expected version + 1) can be
 * taken only once: see {@link judgeClaim}. The record of a key is its committed claim; at most one claim of a key
 * can commit, because a writer supersedes a pending claim only when it competes for the same slot.
 */
export const CLAIM_EVENT_TYPE = 'IdempotencyKeyClaimed';

/** A claim names the slot of its append (target-slot.ts) and the request that used the key. */
export interface KeyClaim extends Slot {
  readonly key: string;
  readonly requestHash: string;
  readonly eventCount: number;
}

/** See {@link SlotStatus}: committed when the claim's first event sits in its slot, carrying the key. */
export type ClaimStatus = SlotStatus;

export function judgeClaim(claim: KeyClaim, observed: SlotObservation): ClaimStatus {
  return judgeSlot(claim, observed, (event) => event.id === claim.firstEventId && event.idempotencyKey === claim.key);
}

/** The port's record of a committed claim whose last event is at `position`. */
export function recordOf(claim: KeyClaim, position: number): IdempotencyRecord {
  return {
    key: claim.key,
    requestHash: claim.requestHash,
    streamId: claim.streamId,
    fromVersion: claim.expectedVersion + 1,
    toVersion: claim.expectedVersion + claim.eventCount,
    position,
  };
}

export function claimEventData(claim: KeyClaim): JSONEventData {
  return {
    id: randomUUID(),
    contentType: 'application/json',
    type: CLAIM_EVENT_TYPE,
    data: { ...claim },
    metadata: undefined,
  };
}

/** @throws Error for an event of the key's stream that is not a well-formed claim. */
export function decodeClaim(stored: StoredEvent): KeyClaim {
  const data = stored.data as Partial<Record<keyof KeyClaim, unknown>> | null;
  const valid =
    stored.type === CLAIM_EVENT_TYPE &&
    typeof data === 'object' &&
    data !== null &&
    typeof data.key === 'string' &&
    typeof data.requestHash === 'string' &&
    typeof data.streamId === 'string' &&
    typeof data.firstEventId === 'string' &&
    isCount(data.expectedVersion, 0) &&
    isCount(data.eventCount, 1);
  if (!valid) throw new Error(`event ${stored.revision} of ${stored.streamId} is not an idempotency claim`);
  const { key, requestHash, streamId, expectedVersion, eventCount, firstEventId } = data as unknown as KeyClaim;
  return { key, requestHash, streamId, expectedVersion, eventCount, firstEventId };
}

function isCount(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}
