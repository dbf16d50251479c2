/**
 * The event store port: the one interface every store adapter implements (SQLite, in-memory, EventStoreDB).
 *
 * Vocabulary:
 * - a stream is the ordered history of one aggregate (`agreement-<id>`, `person-<nik>`);
 * - `version` numbers a stream's events from 1; a stream that does not exist is at version 0;
 * - `position` orders every event of the store (1, 2, 3...), in commit order: a reader that has seen
 *   position p has seen every event committed before it.
 */

import type { TransparencyLog } from './ledger/transparency-log.port';

/** Who recorded an event, why and when. Supplied by the application; stored as given. */
export interface EventMetadata {
  /** UTC instant (ISO-8601) at which the command that produced the event was accepted. */
  readonly recordedAt: string;
  /** The person or system that issued the command: the authenticated subject of the request. */
  readonly actor: string;
  /** The role the actor acted in (API.md "Access"), when the command came through the API. */
  readonly role?: string;
  /** Id of the command that produced the event. */
  readonly commandId: string;
  /** Id shared by every command of one business conversation. */
  readonly correlationId: string;
  /** Id of the message (command or event) that directly caused this event. */
  readonly causationId: string;
  /** Schema version of the event's `data` for its `type`; readers upcast older versions. */
  readonly schemaVersion: number;
  /** A process that issued the command on the actor's behalf (a reactor), when not the actor directly. */
  readonly via?: string;
}

/** An event about to be appended. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** An event as stored: its place in its stream and in the store, and its link in the stream's hash chain. */
export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  /** sha-256 (hex) over the canonical serialisation of the event and `previousHash`. */
  readonly hash: string;
  /** `hash` of the previous event of the stream; null for the first event. */
  readonly previousHash: string | null;
}

/** The version the stream must be at for the append to succeed: 0 means "must not exist"; 'any' skips the check. */
export type ExpectedVersion = number | 'any';

/** Ties an append to a client's Idempotency-Key, stored in the same atomic write as the events. */
export interface IdempotencyClaim {
  readonly key: string;
  /** Fingerprint of the request (method, path, body) that used the key first. */
  readonly requestHash: string;
}

export interface AppendOptions {
  readonly idempotency?: IdempotencyClaim;
  /**
   * The append goes ahead only if no event holding one of these index keys was committed after position
   * `after`: the facts a decision read from the index are still true when its events are written.
   */
  readonly condition?: AppendCondition;
}

export interface AppendCondition {
  readonly keys: readonly string[];
  readonly after: number;
}

export interface AppendResult {
  readonly streamId: string;
  /** Stream version after the append. */
  readonly version: number;
  /** Global position of the last event appended. */
  readonly position: number;
  readonly events: readonly RecordedEvent[];
}

/** What the store remembers of an Idempotency-Key: the request that used it and the events it appended. */
export interface IdempotencyRecord {
  readonly key: string;
  readonly requestHash: string;
  readonly streamId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly position: number;
}

export interface ReadStreamOptions {
  /** First version to return (default 1). */
  readonly fromVersion?: number;
  /** Last version to return, inclusive (default: the end of the stream). */
  readonly toVersion?: number;
  /** Most events to return (default: all). */
  readonly limit?: number;
  /**
   * Only events of these types, the others passed over (not counted by `limit`): for a reader that folds a part
   * of the stream's state, so that a store that can need not decode the rest (an enrolment of 5,000 members).
   * Such a reader takes every event it was not given up to `toVersion` as of another type, so a typed read sees
   * at least every event of the version `streamVersion` last gave (a replicated store reads it where it appends).
   */
  readonly types?: readonly string[];
}

export interface ReadAllOptions {
  /** Return events with a position strictly greater than this (0 = from the beginning). */
  readonly after: number;
  readonly limit: number;
}

/** A read of the feed that returns only events of some types (the others are passed over, not counted). */
export interface ReadTypesOptions extends ReadAllOptions {
  readonly types: readonly string[];
}

export interface EventStore {
  /**
   * True when positions number the events 1, 2, 3... without gaps (SQLite, in-memory), so that `head - p` counts
   * the events after p; false where they are offsets in a log (EventStoreDB).
   */
  readonly densePositions: boolean;
  /**
   * Appends events atomically to one stream if the stream is at `expectedVersion`.
   * @throws WrongExpectedVersionError when the stream moved; nothing is written.
   * @throws IdempotencyKeyTakenError when `options.idempotency.key` is already recorded; nothing is written.
   *   Checked before the version: a retry of a request that succeeded finds the stream moved by itself, and
   *   must learn that its key was used so that it can replay the first answer.
   * @throws UniqueKeyTakenError when a unique index key of the events is held already; nothing is written.
   * @throws AppendConditionFailedError when `options.condition` no longer holds; nothing is written.
   * @throws Error for an empty batch, a repeated `eventId`, or data that JSON cannot represent.
   * `data` and `metadata` must be plain JSON; they come back as plain JSON (a Date becomes a string).
   */
  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** Events of one stream in version order (empty when the stream does not exist). */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Current version of a stream; 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** Events of every stream in position order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The events of these types after `after`, at most `limit`, in position order, for a reader that needs no
   * other (a reactor), so that a store that can need not decode the rest. A read that returns fewer than `limit`
   * has passed over every event committed when it ran.
   */
  readTypes(options: ReadTypesOptions): Promise<RecordedEvent[]>;
  /** Position of the last committed event; 0 for an empty store. */
  headPosition(): Promise<number>;
  /**
   * Optional push delivery of the feed, for stores that have one (EventStoreDB's catch-up subscription): events
   * after `after`, in position order, a batch at a time; the next batch waits until `onEvents` resolves, and a
   * dropped subscription resumes after the last acknowledged batch. Stores without it are read with `readAll`.
   */
  subscribeToAll?(after: number, onEvents: (events: RecordedEvent[]) => Promise<void>): FeedSubscription;
  /**
   * The transparency log of the store's events (a Merkle tree, RFC 9162), for stores that keep it in the same
   * atomic write as the events (SQLite, in-memory). EventStoreDB does not: there the ledger has no signed heads.
   */
  transparencyLog?(): TransparencyLog;
  /** The record of an Idempotency-Key, or null when the key was never used. */
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null>;
  /**
   * The index entries of these keys, in position order: facts about events that span streams (which agreements
   * hold a NIK), kept by the store in the same atomic write as the events its {@link EventIndexer} derives them
   * from. A lookup sees an entry exactly when it can see the event.
   */
  lookup(keys: readonly string[]): Promise<IndexHit[]>;
  /** The position a named reader of the feed (a reactor) has processed; 0 when it never saved one. */
  readCheckpoint(name: string): Promise<number>;
  /** Saves a reader's position durably; a later position replaces it, an earlier one is ignored. */
  saveCheckpoint(name: string, position: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A key the store keeps for an event. A `unique` key may be held by one event only: an append that would
 * give it to a second event fails whole with UniqueKeyTakenError.
 */
export interface IndexEntry {
  readonly key: string;
  readonly unique?: boolean;
}

/**
 * Derives the index entries of an event, for every adapter alike. Pure and deterministic: the store runs it on
 * each appended event, and again on every stored event when its `id` changes (a new definition of the index).
 */
export interface EventIndexer {
  /** Names the definition: a store whose index was built by another id rebuilds it from the events. */
  readonly id: string;
  keysOf(event: RecordedEvent): readonly IndexEntry[];
}

/** An index entry as found: the key and the event that holds it. */
export interface IndexHit {
  readonly key: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
}

/** The indexer of a store given none: no event has keys. */
export const NO_INDEX: EventIndexer = { id: 'none', keysOf: () => [] };

/** A running push subscription to the feed. */
export interface FeedSubscription {
  stop(): Promise<void>;
}

/** DI token of the event store port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
