import {
  assertAppendArguments,
  assertReadAllOptions,
  assertReadTypesOptions,
  normaliseEvent,
  streamRange,
} from './append-validation';
import { IdempotencyKeyTakenError, UniqueKeyTakenError, WrongExpectedVersionError } from './event-store.errors';
import { assertCheckpoint, assertCondition, byPosition, entriesOf } from './event-index';
import type {
  AppendOptions,
  AppendResult,
  EventIndexer,
  EventStore,
  ExpectedVersion,
  IdempotencyRecord,
  IndexHit,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReadTypesOptions,
  RecordedEvent,
} from './event-store.port';
import { NO_INDEX } from './event-store.port';
import { hashStoredEvent } from './hash-chain';
import { InMemoryLedgerTree } from './in-memory.ledger-tree';
import { StoredTransparencyLog } from './ledger/stored-transparency-log';
import type { TransparencyLog } from './ledger/transparency-log.port';

/**
 * An {@link EventStore} held in process memory, for unit tests and throw-away runs.
 *
 * Every append runs to completion without awaiting, so concurrent callers are serialised by the event loop
 * exactly as SQLite's write lock serialises them. `data` and `metadata` are kept as canonical JSON text and
 * decoded on every read, like a database column: callers can never mutate recorded history through an
 * object they hold. (JSON rather than structuredClone: structuredClone builds objects of the host realm,
 * which jest's toStrictEqual rejects inside its sandbox.)
 *
 * When an append breaks both rules, the idempotency key is reported first (see {@link SqliteEventStore}).
 */
export class InMemoryEventStore implements EventStore {
  readonly densePositions = true;
  /** Index i holds position i + 1. */
  private readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly index = new Map<string, IndexHit[]>();
  /** The holder of each unique key: only another unique entry of the key is refused, as in every adapter. */
  private readonly uniqueHolders = new Map<string, IndexHit>();
  private readonly checkpoints = new Map<string, number>();
  private readonly tree = new InMemoryLedgerTree();
  private readonly log: TransparencyLog = new StoredTransparencyLog(this.tree, (read) => {
    this.assertOpen();
    return read();
  });
  private closed = false;

  constructor(private readonly indexer: EventIndexer = NO_INDEX) {}

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendArguments(streamId, expectedVersion, events);
    const stream = this.assertAppendable(streamId, expectedVersion, events, options);
    assertCondition(
      options.condition,
      () => this.events.length,
      (keys) => this.hitsOf(keys),
    );
    // The whole batch is built before any collection changes, so a throw (unserialisable data) writes nothing.
    const recorded = this.record(streamId, stream, events);
    const decoded = recorded.map(decode);
    const entries = this.assertUnique(entriesOf(this.indexer, decoded));
    this.commit(streamId, stream, recorded, options);
    for (const { unique, ...hit } of entries) {
      this.index.set(hit.key, [...(this.index.get(hit.key) ?? []), hit]);
      if (unique) this.uniqueHolders.set(hit.key, hit);
    }
    const last = recorded[recorded.length - 1];
    return { streamId, version: last.version, position: last.position, events: decoded };
  }

  async lookup(keys: readonly string[]): Promise<IndexHit[]> {
    this.assertOpen();
    return this.hitsOf(keys);
  }

  private hitsOf(keys: readonly string[]): IndexHit[] {
    return [...new Set(keys)].flatMap((key) => this.index.get(key) ?? []).sort(byPosition);
  }

  async readCheckpoint(name: string): Promise<number> {
    this.assertOpen();
    assertCheckpoint(name, 0);
    return this.checkpoints.get(name) ?? 0;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    this.assertOpen();
    assertCheckpoint(name, position);
    this.checkpoints.set(name, Math.max(position, this.checkpoints.get(name) ?? 0));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { from, to, limit, types } = streamRange(options);
    const stream = this.streams.get(streamId) ?? [];
    // Version v sits at index v - 1.
    const start = Math.max(from, 1) - 1;
    const inRange = stream.slice(start, Math.max(start, Math.min(to, stream.length)));
    const asked = types === undefined ? inRange : inRange.filter((event) => types.includes(event.type));
    return asked.slice(0, limit).map(decode);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    return this.streams.get(streamId)?.length ?? 0;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadAllOptions(options);
    return this.events.slice(options.after, options.after + options.limit).map(decode);
  }

  async readTypes(options: ReadTypesOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadTypesOptions(options);
    const types = new Set(options.types);
    const found: RecordedEvent[] = [];
    for (let i = options.after; i < this.events.length && found.length < options.limit; i++) {
      if (types.has(this.events[i].type)) found.push(decode(this.events[i]));
    }
    return found;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.events.length;
  }

  async findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    this.assertOpen();
    const record = this.idempotency.get(key);
    return record ? { ...record } : null;
  }

  transparencyLog(): TransparencyLog {
    return this.log;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** @returns the stream's current events, when the append may go ahead. */
  private assertAppendable(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    { idempotency }: AppendOptions,
  ): StoredEvent[] {
    if (idempotency && this.idempotency.has(idempotency.key)) throw new IdempotencyKeyTakenError(idempotency.key);
    const stream = this.streams.get(streamId) ?? [];
    if (expectedVersion !== 'any' && expectedVersion !== stream.length) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, stream.length);
    }
    const duplicate = events.find((e) => this.eventIds.has(e.eventId));
    if (duplicate) throw new Error(`eventId ${duplicate.eventId} is already recorded`);
    return stream;
  }

  private commit(
    streamId: string,
    stream: StoredEvent[],
    recorded: readonly StoredEvent[],
    { idempotency }: AppendOptions,
  ): void {
    this.streams.set(streamId, stream);
    for (const e of recorded) {
      this.events.push(e);
      stream.push(e);
      this.eventIds.add(e.eventId);
    }
    this.tree.append(recorded, idempotency);
    if (!idempotency) return;
    const last = recorded[recorded.length - 1];
    const { key, requestHash } = idempotency;
    const range = { fromVersion: recorded[0].version, toVersion: last.version, position: last.position };
    this.idempotency.set(key, { key, requestHash, streamId, ...range });
  }

  private record(streamId: string, stream: readonly StoredEvent[], events: readonly NewEvent[]): StoredEvent[] {
    let previousHash = stream.length > 0 ? stream[stream.length - 1].hash : null;
    return events.map((input, i) => {
      const { event, dataJson, metadataJson } = normaliseEvent(input);
      const version = stream.length + i + 1;
      const { eventId, type } = event;
      // The stored text is the canonical form of data and metadata: spliced in, not serialised again.
      const hash = hashStoredEvent({ streamId, version, eventId, type, dataJson, metadataJson, previousHash });
      const position = this.events.length + i + 1;
      const stored = { eventId, type, dataJson, metadataJson, streamId, version, position, hash, previousHash };
      previousHash = hash;
      return stored;
    });
  }

  private assertUnique<E extends { key: string; unique: boolean }>(entries: E[]): E[] {
    for (const entry of entries) {
      const holder = entry.unique ? this.uniqueHolders.get(entry.key) : undefined;
      if (holder !== undefined) throw new UniqueKeyTakenError(entry.key, holder);
    }
    return entries;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}

/** A recorded event with its JSON kept as text, so that each read hands out a fresh copy. */
interface StoredEvent extends Omit<RecordedEvent, 'data' | 'metadata'> {
  readonly dataJson: string;
  readonly metadataJson: string;
}

function decode({ dataJson, metadataJson, ...rest }: StoredEvent): RecordedEvent {
  const metadata = JSON.parse(metadataJson) as RecordedEvent['metadata'];
  return { ...rest, data: JSON.parse(dataJson) as unknown, metadata };
}
