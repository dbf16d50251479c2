import { createHash } from 'node:crypto';
import type { JSONEventData, JSONType, RecordedEvent as StoredEvent } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../event-store.port';
import { versionOfRevision } from './revisions';

/**
 * How one port event is stored as an EventStoreDB event, one to one:
 * - EventStoreDB event id = the port's eventId when it is a lowercase UUID (what the application generates); any
 *   other eventId is mapped to a name-based UUID and kept in the envelope, so it still reads back unchanged;
 * - type = type; data = data (JSON);
 * - metadata = `{ $correlationId, $causationId, ledger: { format, metadata, hash, previousHash, ... } }`: the port's
 *   metadata whole and untouched under `ledger.metadata` (so no field of it can collide with ours), the hash-chain
 *   link next to it, and EventStoreDB's own correlation fields so that its tooling ($by_correlation_id) follows
 *   commands across streams.
 * Version and position are not stored: they are the event's revision + 1 and its commit position in `$all`.
 */
export interface LedgerEnvelope {
  readonly format: typeof ENVELOPE_FORMAT;
  readonly metadata: EventMetadata;
  /** sha-256 chain link, computed by the adapter at append time (hash-chain.ts). */
  readonly hash: string;
  readonly previousHash: string | null;
  /** The port eventId, only when EventStoreDB could not keep it as the event's own id. */
  readonly eventId?: string;
  /** Idempotency-Key of the append that wrote the event: lets a claim be resolved by reading the stream. */
  readonly idempotencyKey?: string;
}

export const ENVELOPE_FORMAT = 1;

export interface StoredMetadata {
  readonly $correlationId?: string;
  readonly $causationId?: string;
  readonly ledger: LedgerEnvelope;
}

const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** EventStoreDB id of a port eventId: itself when the server will hand it back unchanged, else a derived UUID. */
export function storedEventId(eventId: string): string {
  if (LOWERCASE_UUID.test(eventId) && eventId !== NIL_UUID) return eventId;
  const hex = createHash('sha256').update(`pks-ledger/event-id/${eventId}`, 'utf8').digest('hex');
  // RFC 9562 version 8 (vendor-specific) UUID, variant 10xx.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The event to send, `event` having been normalised (append-validation.ts) and its chain link computed. */
export function toEventData(
  event: NewEvent,
  link: { readonly hash: string; readonly previousHash: string | null },
  idempotencyKey?: string,
): JSONEventData {
  const id = storedEventId(event.eventId);
  const ledger: LedgerEnvelope = {
    format: ENVELOPE_FORMAT,
    metadata: event.metadata,
    hash: link.hash,
    previousHash: link.previousHash,
    ...(id === event.eventId ? {} : { eventId: event.eventId }),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  };
  const metadata: StoredMetadata = {
    ...correlationFields(event.metadata),
    ledger,
  };
  // The client serialises `data` with JSON.stringify whatever its JSON type (also numbers, booleans and null).
  return {
    id,
    contentType: 'application/json',
    type: event.type,
    data: event.data as JSONType,
    metadata: metadata as unknown as JSONType,
  };
}

/** The port's view of a stored event of `streamId` (a port stream id) at commit position `position`. */
export function fromStoredEvent(streamId: string, stored: StoredEvent, position: number): RecordedEvent {
  const ledger = envelopeOf(stored);
  return {
    streamId,
    version: versionOfRevision(stored.revision),
    position,
    eventId: ledger.eventId ?? stored.id,
    type: stored.type,
    data: stored.data as unknown,
    metadata: ledger.metadata,
    hash: ledger.hash,
    previousHash: ledger.previousHash,
  };
}

/** @throws Error when the event was not written by this adapter (no envelope, or an unknown format). */
export function envelopeOf(stored: StoredEvent): LedgerEnvelope {
  const metadata = stored.metadata as Partial<StoredMetadata> | undefined;
  const ledger = stored.isJson && isObject(metadata) ? metadata.ledger : undefined;
  if (
    !isObject(ledger) ||
    ledger.format !== ENVELOPE_FORMAT ||
    typeof ledger.hash !== 'string' ||
    !isObject(ledger.metadata)
  ) {
    throw new Error(
      `event ${stored.revision} of ${stored.streamId} (${stored.id}) has no ledger envelope: ` +
        'it was not appended through EventStoreDbEventStore',
    );
  }
  return ledger;
}

function correlationFields(metadata: EventMetadata): Pick<StoredMetadata, '$correlationId' | '$causationId'> {
  return {
    ...(typeof metadata.correlationId === 'string' ? { $correlationId: metadata.correlationId } : {}),
    ...(typeof metadata.causationId === 'string' ? { $causationId: metadata.causationId } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> & object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
