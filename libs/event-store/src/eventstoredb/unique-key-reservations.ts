import { randomUUID } from 'node:crypto';
import type { JSONEventData, RecordedEvent as StoredEvent } from '@eventstore/db-client';
import type { IndexHit } from '../event-store.port';
import { judgeSlot, type Slot, type SlotObservation, type SlotStatus } from './target-slot';

/**
 * Unique index keys without multi-stream transactions.
 *
 * A unique key (`death:<nik>`: one death benefit per person, across agreements) must be held by one event of the
 * whole store, whichever app instance appends it. EventStoreDB checks one stream's expected revision, never a
 * fact of another stream, so the key is reserved in a stream of its own before the append, as Idempotency-Keys
 * are claimed (idempotency-claims.ts):
 * 1. a reservation is appended to the key's stream (`unique-key-<sha256(key)>`) at the revision the writer last
 *    saw there: reservations of one key are serialised, a concurrent reserver gets a conflict and reads again.
 *    It names the slot of the append in its target stream, and the version of the event that holds the key;
 * 2. the events are appended to the target stream at that expected version.
 * A reservation is never updated; its outcome is read from the slot (target-slot.ts). A writer reserves a key only
 * when every earlier reservation of it is dead, or pending for the very slot it competes for: so at most one
 * reservation of a key commits, and the key is held by the event it names.
 */
export const RESERVATION_EVENT_TYPE = 'UniqueKeyReserved';

export interface KeyReservation extends Slot {
  readonly key: string;
  /** Version of the event of the append that holds the key. */
  readonly holderVersion: number;
}

/** See {@link SlotStatus}: committed when the append's first event sits in its slot. */
export function judgeReservation(reservation: KeyReservation, observed: SlotObservation): SlotStatus {
  return judgeSlot(reservation, observed, (event) => event.id === reservation.firstEventId);
}

/** The index entry a committed reservation stands for: the holder event, at `position`. */
export function holderOf(reservation: KeyReservation, position: number): IndexHit {
  return { key: reservation.key, streamId: reservation.streamId, version: reservation.holderVersion, position };
}

export function reservationEventData(reservation: KeyReservation): JSONEventData {
  return {
    id: randomUUID(),
    contentType: 'application/json',
    type: RESERVATION_EVENT_TYPE,
    data: { ...reservation },
    metadata: undefined,
  };
}

/** @throws Error for an event of a key's stream that is not a well-formed reservation of `key`. */
export function decodeReservation(stored: StoredEvent, key: string): KeyReservation {
  const data = stored.data as Partial<Record<keyof KeyReservation, unknown>> | null;
  const valid =
    stored.type === RESERVATION_EVENT_TYPE &&
    typeof data === 'object' &&
    data !== null &&
    data.key === key &&
    typeof data.streamId === 'string' &&
    typeof data.firstEventId === 'string' &&
    isCount(data.expectedVersion, 0) &&
    isCount(data.holderVersion, 1) &&
    (data.holderVersion as number) > (data.expectedVersion as number);
  if (!valid) throw new Error(`event ${stored.revision} of ${stored.streamId} is not a reservation of ${key}`);
  const { streamId, expectedVersion, firstEventId, holderVersion } = data as unknown as KeyReservation;
  return { key, streamId, expectedVersion, firstEventId, holderVersion };
}

function isCount(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}
