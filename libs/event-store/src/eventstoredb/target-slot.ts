import { readAt, readLast, type EventStoreDbClient } from './client';
import { envelopeOf } from './event-envelope';
import { revisionOfVersion, versionOfRevision } from './revisions';
import type { StreamNaming } from './stream-naming';

/**
 * The place an append means to take in its target stream: right after `expectedVersion`, starting with the event
 * `firstEventId`. EventStoreDB writes one stream atomically and a version only once, so a slot is taken by one
 * append at most. The two-write protocols of the adapter (idempotency claims, unique-key reservations) write a
 * record naming a slot first, then append; the record's outcome is read from the slot alone.
 */
export interface Slot {
  /** Port stream id of the append. */
  readonly streamId: string;
  /** Version the target stream was at when the record was written, which the append expects. */
  readonly expectedVersion: number;
  /** EventStoreDB id of the append's first event. */
  readonly firstEventId: string;
}

/** What a reader finds at a slot in its target stream. */
export interface SlotObservation {
  /** Current version of the target stream. */
  readonly streamVersion: number;
  /** The event at version `expectedVersion + 1`, when there is one. */
  readonly slotEvent: { readonly id: string; readonly idempotencyKey?: string } | null;
}

/**
 * - committed: the append sits in its slot (appends are atomic: all its events are there);
 * - dead: another event took the slot, or the stream is below the expected version (only after a deletion:
 *   records are written at the version just read, and ledger streams never shrink) — it can never commit;
 * - pending: the slot is still free, the stream being exactly at the expected version: the append is in flight,
 *   failed without writing, or its writer died after writing the record. It stays pending until the stream moves.
 */
export type SlotStatus = 'committed' | 'dead' | 'pending';

/** Judges a record by its slot; `isOurs` says whether the event found there is the record's append. */
export function judgeSlot(
  slot: Slot,
  observed: SlotObservation,
  isOurs: (event: NonNullable<SlotObservation['slotEvent']>) => boolean,
): SlotStatus {
  const { slotEvent, streamVersion } = observed;
  if (slotEvent !== null) return isOurs(slotEvent) ? 'committed' : 'dead';
  return streamVersion === slot.expectedVersion ? 'pending' : 'dead';
}

/** Whether a record competes for the same slot as an append to `streamId` at `version`. */
export function sameSlot(slot: Slot, streamId: string, version: number): boolean {
  return slot.streamId === streamId && slot.expectedVersion === version;
}

/** Reads what is at `slot` now, on the leader. */
export async function observeSlot(
  client: EventStoreDbClient,
  naming: StreamNaming,
  slot: Slot,
): Promise<SlotObservation> {
  const streamName = naming.streamName(slot.streamId);
  const last = await readLast(client, streamName);
  const streamVersion = last ? versionOfRevision(last.revision) : 0;
  const version = slot.expectedVersion + 1;
  if (!last || streamVersion < version) return { streamVersion, slotEvent: null };
  const stored = streamVersion === version ? last : await readAt(client, streamName, revisionOfVersion(version));
  return {
    streamVersion,
    slotEvent: stored ? { id: stored.id, idempotencyKey: envelopeOf(stored).idempotencyKey } : null,
  };
}
