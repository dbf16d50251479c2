import type { RecordedEvent } from '../event-store.port';
import type { StoredEventText } from '../hash-chain';

/**
 * Everything a store holds about its ledger, read as raw records for `verify`: not through the port's answers,
 * which trust the store's own bookkeeping. Iterables are in the order named, lazily (bounded memory), from one
 * consistent snapshot of the store. Hashes of the log are raw 32-byte buffers.
 */
export interface AuditSource {
  /** Position of the last event; 0 for an empty store. */
  headPosition(): number;
  /** Events with a position greater than `after`, in position order; `raw` is what is stored, unparsed. */
  events(after: number): Iterable<RawEvent>;
  /** The event of `streamId` at `version`, by the stream's own order (not a position). */
  eventOf(streamId: string, version: number): EventRef | undefined;
  /** The last event below `version` of `streamId` (for a gap: where the stream goes on from). */
  lastEventBefore(streamId: string, version: number): EventRef | undefined;
  eventAt(position: number): EventRef | undefined;
  /** Leaves the log recorded for positions greater than `after`, in position order. */
  leaves(after: number): Iterable<StoredLeaf>;
  /** The stored node of a complete subtree, when the log keeps that level (see `storedFromLevel`). */
  node(level: number, index: number): Buffer | undefined;
  /** Levels from which the log stores interior nodes. */
  readonly storedFromLevel: number;
  /** Stored nodes that cover a leaf beyond `size`: the log recorded more than this. */
  nodesBeyond(size: number): number;
  /** Leaf hashes the log recorded for positions after..last, in order. */
  leafHashesBetween(after: number, last: number): Buffer[];
  idempotencyRecords(after: number): Iterable<AuditedIdempotencyRecord>;
  /** Index rows by position then key, all of them (`after` = 0) or those of later events. */
  indexRows(after: number): Iterable<AuditedIndexRow>;
  /** The id of the index definition the store's index rows were built by (null: none recorded). */
  indexBuiltBy(): string | null;
  /** The unique flag of one index row, or undefined when there is none. */
  indexRow(key: string, position: number): AuditedIndexRow | undefined;
  /** Every stream's version row with the stream's last event, by stream id. */
  streamRows(): Iterable<AuditedStreamRow>;
  /** One stream's version row with its last event. */
  streamRow(streamId: string): AuditedStreamRow | undefined;
  /** Streams that have events and no version row. */
  streamsWithoutRow(): Iterable<EventRef>;
  close(): void;
}

export interface RawEvent extends StoredEventText {
  readonly position: number;
  readonly hash: string;
  /** Decodes the stored JSON; throws when it is not JSON. */
  decode(): RecordedEvent;
}

export interface EventRef {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

/** A leaf as the log stored it, with the event it recorded (so that a deleted event can still be named). */
export interface StoredLeaf {
  readonly position: number;
  readonly leafHash: Buffer;
  readonly streamId: string;
  readonly version: number;
  readonly idempotencyHash: Buffer | null;
}

export interface AuditedIdempotencyRecord {
  readonly key: string;
  readonly requestHash: string;
  readonly streamId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly position: number;
}

export interface AuditedIndexRow {
  readonly key: string;
  readonly position: number;
  readonly unique: boolean;
}

export interface AuditedStreamRow {
  readonly streamId: string;
  /** The row, when there is one. */
  readonly version: number | null;
  readonly lastHash: string | null;
  /** The stream's last event, when it has any. */
  readonly last: EventRef | null;
}
