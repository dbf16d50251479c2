import {
  assertAppendArguments,
  assertReadAllOptions,
  assertReadTypesOptions,
  readTypesByPages,
  streamRange,
} from '../append-validation';
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
  ReadTypesOptions,
  FeedSubscription,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.port';
import { NO_INDEX } from '../event-store.port';
import { assertCheckpoint } from '../event-index';
import { Appender } from './appender';
import { DEFAULT_MAX_APPEND_SIZE } from './append-size';
import { EventStoreDbIndex } from './eventstoredb.index';
import { collect, connect, onLeader, readLast, type EventStoreDbClient } from './client';
import { fromStoredEvent } from './event-envelope';
import { EventStoreDbFeed, type EventStoreDbFeedOptions } from './eventstoredb.feed';
import { FeedReader } from './feed-reader';
import { IdempotencyLedger } from './idempotency-ledger';
import { positionOf, revisionOfVersion, versionOfRevision } from './revisions';
import { StreamNaming } from './stream-naming';
import { UniqueKeyLedger } from './unique-key-ledger';

export interface EventStoreDbEventStoreOptions {
  /**
   * `esdb://host:2113?tls=false` for one insecure node; `esdb://admin:changeit@node1:2113,node2:2113,node3:2113
   * ?tls=true&tlsCAFile=/certs/ca/ca.crt` for a secure cluster (the user needs to read `$all`).
   */
  readonly connectionString: string;
  /** Prepended to every stream name, so that several ledgers can share a cluster (default ''). */
  readonly streamPrefix?: string;
  /**
   * Prefixes of the port stream ids whose events form the feed: the application's stream categories
   * (`STREAM_PREFIXES` of the domain, which the store factory passes). The adapter's own streams (idempotency
   * claims, unique-key reservations, checkpoints) are never in it.
   */
  readonly feedCategories: readonly string[];
  /**
   * A `$all` commit position at or before which no event of this store exists (default 0, the beginning).
   * Spares a store that starts on a cluster with a long history, or a test run, reading that history.
   */
  readonly startPosition?: number;
  /** Derives the index entries of events (default: none). */
  readonly indexer?: EventIndexer;
  /**
   * The server's MaxAppendSize in bytes (EVENTSTORE_MAX_APPEND_SIZE; default 1 MiB, the server's default). An
   * append larger than this, counted as the server counts it, is refused with AppendTooLargeError before anything
   * is written. Give the figure the server has: a smaller one refuses appends the server would take, a larger one
   * lets the server refuse them (also mapped to AppendTooLargeError, but after the idempotency claim).
   */
  readonly maxAppendSize?: number;
  /**
   * The pauses (ms) of an append that finds a unique key reserved by a rival append to another slot, waiting for
   * it to commit or die before giving up with UniqueKeyBusyError (default 5, 10, 20... 640: about 1.3 s in all).
   */
  readonly reservationWaitsMs?: readonly number[];
}

/**
 * The {@link EventStore} on EventStoreDB (@eventstore/db-client 6.x, server 22.10 or later; the compose files
 * run 24.10).
 *
 * - versions: EventStoreDB revision + 1 (revisions.ts); appends name the exact revision they read (appender.ts);
 * - positions: `$all` commit positions, ordered but not dense (revisions.ts, feed-reader.ts);
 * - events, metadata and hash chain: one EventStoreDB event per port event (event-envelope.ts);
 * - idempotency: a claim stream per key, resolved against the target stream (idempotency-claims.ts);
 * - unique index keys: a reservation stream per key, resolved the same way (unique-key-reservations.ts);
 * - index lookups and append conditions: an in-memory index caught up from the feed (eventstoredb.index.ts);
 * - subscriptions: {@link EventStoreDbFeed}, from {@link feed}.
 * Event ids are not checked for uniqueness across streams: EventStoreDB keeps no index of them.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly densePositions = false;
  private readonly naming: StreamNaming;
  private readonly appender: Appender;
  private readonly ledger: IdempotencyLedger;
  private readonly reader: FeedReader;
  private readonly startPosition: number;
  private readonly index: EventStoreDbIndex;
  private readonly feeds: EventStoreDbFeed[] = [];
  private closed = false;
  /** Appends of this instance not answered yet. */
  private readonly inFlight = new Set<Promise<AppendResult>>();

  constructor(
    options: EventStoreDbEventStoreOptions,
    private readonly client: EventStoreDbClient = connect(options.connectionString),
  ) {
    this.naming = new StreamNaming(options);
    this.ledger = new IdempotencyLedger(client, this.naming);
    const indexer = options.indexer ?? NO_INDEX;
    this.appender = new Appender(client, this.naming, {
      idempotency: this.ledger,
      uniqueKeys: new UniqueKeyLedger(client, this.naming, options.reservationWaitsMs),
      indexer,
      maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
    });
    this.startPosition = options.startPosition ?? 0;
    this.reader = new FeedReader(client, this.naming, this.startPosition);
    this.index = new EventStoreDbIndex(client, this.naming, this.reader, indexer);
  }

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendArguments(streamId, expectedVersion, events);
    // A condition is checked against the index before the write, not in it. The appends this instance has under
    // way when this one is requested are awaited first, so that their events are in the index it checks (an
    // append of another instance between the check and the write still goes unseen: see the README).
    const { condition } = options;
    const earlier = condition !== undefined && condition.keys.length > 0 ? [...this.inFlight] : [];
    const appending = this.appender.append(streamId, expectedVersion, events, options.idempotency, async () => {
      await Promise.allSettled(earlier);
      await this.index.assertCondition(condition);
    });
    this.inFlight.add(appending);
    try {
      const result = await appending;
      this.reader.observe(result.position);
      return result;
    } finally {
      this.inFlight.delete(appending);
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { from, to, limit, types } = streamRange(options);
    const first = Math.max(from, 1);
    const streamName = this.naming.streamName(streamId);
    if (limit === 0 || to < first) return [];
    // The server reads a stream whole: events of other types are read and passed over here. A reader takes the
    // events a typed read leaves out as of other types, up to the version streamVersion (the leader) gave: so the
    // leader serves it too, never a follower that may not have replicated the last of them yet.
    const read = () =>
      this.client.readStream(streamName, {
        fromRevision: revisionOfVersion(first),
        maxCount: types === undefined ? Math.min(limit, to - first + 1) : to - first + 1,
        ...(types === undefined ? {} : { requiresLeader: true }),
      });
    const what = `read of ${streamName}`;
    const stored = await (types === undefined ? collect(read(), what) : onLeader(() => collect(read(), what)));
    const events = stored.map((event) => fromStoredEvent(streamId, event, positionOf(event)));
    return types === undefined ? events : events.filter((event) => types.includes(event.type)).slice(0, limit);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    const last = await onLeader(() => readLast(this.client, this.naming.streamName(streamId)));
    return last ? versionOfRevision(last.revision) : 0;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadAllOptions(options);
    return options.limit === 0 ? [] : this.reader.readAll(options.after, options.limit);
  }

  /** The server's filters select streams, not types within them: the feed is read and filtered here. */
  async readTypes(options: ReadTypesOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadTypesOptions(options);
    return readTypesByPages((page) => this.readAll(page), options);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.reader.headPosition();
  }

  async findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    this.assertOpen();
    return onLeader(() => this.ledger.findRecord(key));
  }

  async lookup(keys: readonly string[]): Promise<IndexHit[]> {
    this.assertOpen();
    return this.index.lookup(keys);
  }

  async readCheckpoint(name: string): Promise<number> {
    this.assertOpen();
    assertCheckpoint(name, 0);
    return this.index.readCheckpoint(name);
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    this.assertOpen();
    assertCheckpoint(name, position);
    await this.index.saveCheckpoint(name, position);
  }

  /** The port's push delivery: a catch-up subscription to the feed (see {@link EventStoreDbFeed}). */
  subscribeToAll(after: number, onEvents: (events: RecordedEvent[]) => Promise<void>): FeedSubscription {
    return this.feed().subscribeToAll(after, onEvents);
  }

  /** Catch-up subscriptions to this store's feed (see {@link EventStoreDbFeed}); closing the store stops them. */
  feed(options?: EventStoreDbFeedOptions): EventStoreDbFeed {
    this.assertOpen();
    const feed = new EventStoreDbFeed(this.client, this.naming, { startPosition: this.startPosition, ...options });
    this.feeds.push(feed);
    return feed;
  }

  /** Closes the connection, after stopping the subscriptions its feeds still run. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.feeds.map((feed) => feed.stopAll()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventStoreDbEventStore is closed');
  }
}
