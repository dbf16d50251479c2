import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { NewEvent, RecordedEvent } from './event-store.port';

/** Outcome of {@link verifyChain}: either the whole slice is intact or the first version found broken. */
export type ChainVerification = { ok: true } | { ok: false; version: number; reason: string };

/**
 * The hash of one event in its stream's chain: sha-256 (hex) over the canonical JSON of the event's
 * identity, content and the previous event's hash. `position` is deliberately left out: it orders the
 * store as a whole, while the chain protects one stream's history.
 */
export function hashEvent(streamId: string, version: number, event: NewEvent, previousHash: string | null): string {
  const { eventId, type, data, metadata } = event;
  const canonical = canonicalJson({ streamId, version, eventId, type, data, metadata, previousHash });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** An event as a store keeps it: its JSON columns as the text written (canonical JSON, see normaliseEvent). */
export interface StoredEventText {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly previousHash: string | null;
}

/**
 * {@link hashEvent} of a stored event from its stored text, without parsing it: the columns hold the canonical
 * JSON of `data` and `metadata`, so the canonical form of the whole is their text spliced in (keys in canonical
 * order). Equal to hashEvent for every event a store wrote; for text that is not canonical (edited with another
 * tool) it differs, and a caller that must tell "edited" from "reformatted" falls back to hashEvent.
 */
export function hashStoredEvent(event: StoredEventText): string {
  const { streamId, version, eventId, type, dataJson, metadataJson, previousHash } = event;
  const canonical =
    `{"data":${dataJson},"eventId":${JSON.stringify(eventId)},"metadata":${metadataJson},` +
    `"previousHash":${JSON.stringify(previousHash)},"streamId":${JSON.stringify(streamId)},` +
    `"type":${JSON.stringify(type)},"version":${JSON.stringify(version)}}`;
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Checks a contiguous slice of one stream, as returned by `readStream`: versions consecutive from the first
 * event given, each `previousHash` equal to the hash before it (null when the slice starts at version 1),
 * and each hash recomputed from the event's content.
 * A slice that starts after version 1 is trusted for its first `previousHash`; pass the whole stream to
 * verify it from its origin.
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  for (let i = 0; i < events.length; i++) {
    const failure = checkLink(events, i);
    if (failure !== null) return { ok: false, version: events[i].version, reason: failure };
  }
  return { ok: true };
}

function checkLink(events: readonly RecordedEvent[], i: number): string | null {
  const event = events[i];
  const first = events[0];
  if (event.streamId !== first.streamId) return `event belongs to stream ${event.streamId}, not ${first.streamId}`;
  if (event.version !== first.version + i) return `expected version ${first.version + i}, found ${event.version}`;
  if (i > 0 && event.previousHash !== events[i - 1].hash) return 'previousHash does not match the previous event';
  if (event.version === 1 && event.previousHash !== null) return 'first event of the stream has a previousHash';
  if (event.hash !== hashEvent(event.streamId, event.version, event, event.previousHash)) {
    return 'hash does not match the event content';
  }
  return null;
}
