import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  assertAppendArguments,
  assertReadAllOptions,
  assertReadTypesOptions,
  normaliseEvent,
  streamRange,
} from './append-validation';
import { IdempotencyKeyTakenError, WrongExpectedVersionError } from './event-store.errors';
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
import { assertCheckpoint, assertCondition, entriesOf } from './event-index';
import { hashStoredEvent } from './hash-chain';
import { SqliteEventIndex } from './sqlite.index';
import { SqliteLedgerTree } from './sqlite.ledger-tree';
import { StoredTransparencyLog } from './ledger/stored-transparency-log';
import type { TransparencyLog } from './ledger/transparency-log.port';
import { assertStreamConsistent, toStoreError } from './sqlite.error-mapping';
import { migrate, SCHEMA_VERSION } from './sqlite.schema';
import { SqliteStatements, type StreamRow, toIdempotencyRecord, toRecordedEvent } from './sqlite.statements';

interface AppendRequest {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
  readonly options: AppendOptions;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly result: AppendResult } | { readonly error: unknown };

export interface SqliteEventStoreOptions {
  /** Database file; its parent directory is created when missing. */
  readonly path: string;
  /**
   * `PRAGMA synchronous`. FULL (default) fsyncs the WAL on every commit: an acknowledged append survives
   * power loss. NORMAL survives a process crash but may lose the last commits on power loss.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Derives the index entries of events (default: none); a file indexed by another definition is re-indexed. */
  readonly indexer?: EventIndexer;
  /** Told of every group commit that committed, for the service's metrics. */
  readonly onCommit?: (commit: GroupCommit) => void;
  /**
   * Reads a file another connection writes (the projection runner's thread): the file must exist with the current
   * schema; nothing is migrated or indexed, and every append is refused.
   */
  readonly readOnly?: boolean;
}

/** One transaction of the group commit: the appends it carried (refused ones included) and how long it took. */
export interface GroupCommit {
  readonly appends: number;
  /** Events written by the appends it accepted. */
  readonly events: number;
  readonly seconds: number;
}

/**
 * The {@link EventStore} over one SQLite file (better-sqlite3, WAL mode).
 *
 * Each append is one BEGIN IMMEDIATE transaction: it takes the write lock before reading the stream version,
 * so check-then-write cannot interleave with another connection or process (waiting up to busy_timeout).
 * Positions are assigned as max + 1 inside that transaction, hence gap-free; a failed append rolls back whole.
 *
 * Group commit: appends requested during one turn of the event loop commit in a single transaction (one fsync),
 * each inside its own savepoint, so that one append's refusal leaves the others alone. Every caller is answered
 * only after the commit, so an acknowledged append is as durable as `synchronous` makes it.
 *
 * When an append both reuses an idempotency key and misses the expected version, IdempotencyKeyTakenError
 * wins: a client retrying a request that did succeed finds the stream moved by its own first attempt, and
 * must be told that the key was used so it can replay the recorded outcome instead of reporting a conflict.
 */
export class SqliteEventStore implements EventStore {
  readonly densePositions = true;
  private readonly db: Database.Database;
  private readonly sql: SqliteStatements;
  private readonly index: SqliteEventIndex;
  private readonly indexer: EventIndexer;
  private readonly tree: SqliteLedgerTree;
  private readonly log: TransparencyLog;
  private readonly appendOne: (request: AppendRequest) => AppendResult;
  private readonly commitGroup: (group: readonly AppendRequest[]) => Outcome[];
  private pending: AppendRequest[] = [];
  private readonly readOnly: boolean;
  private readonly onCommit: (commit: GroupCommit) => void;

  constructor(options: SqliteEventStoreOptions) {
    this.onCommit = options.onCommit ?? (() => undefined);
    const readOnly = options.readOnly === true;
    this.readOnly = readOnly;
    if (!readOnly) mkdirSync(dirname(options.path), { recursive: true });
    this.db = guarded(() => new Database(options.path, { readonly: readOnly, fileMustExist: readOnly }));
    try {
      if (readOnly) this.configureReader();
      else this.configure(options.synchronous ?? 'FULL');
      // The log of a file written before it existed is built from its events, once, as the schema changes.
      if (!readOnly)
        migrate(this.db, (fromVersion) =>
          fromVersion > 0 && fromVersion < 3 ? new SqliteLedgerTree(this.db).build() : undefined,
        );
      this.sql = new SqliteStatements(this.db);
      this.tree = new SqliteLedgerTree(this.db);
      this.log = new StoredTransparencyLog(this.tree, guarded);
      this.indexer = options.indexer ?? NO_INDEX;
      this.index = new SqliteEventIndex(this.db, this.indexer);
      if (!readOnly) this.index.ensureBuiltBy((events) => entriesOf(this.indexer, events));
    } catch (error) {
      this.db.close();
      throw toStoreError(error);
    }
    // Nested inside the group's transaction, a better-sqlite3 transaction is a savepoint.
    this.appendOne = this.db.transaction((request: AppendRequest) => this.appendLocked(request));
    const group = this.db.transaction((requests: readonly AppendRequest[]) => {
      this.tree.begin(this.sql.selectHead.get() ?? 0);
      return requests.map((request) => this.attempt(request));
    });
    this.commitGroup = (requests) => group.immediate(requests);
  }

  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertAppendArguments(streamId, expectedVersion, events);
    if (this.readOnly) throw new Error(`the event store ${this.db.name} was opened read-only: nothing is appended`);
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, expectedVersion, events, options, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { from, to, limit, types } = streamRange(options);
    return guarded(() =>
      (types === undefined
        ? this.sql.readStream.all(streamId, from, to, limit)
        : this.sql.readStreamTypes.all(streamId, from, to, JSON.stringify(types), limit)
      ).map(toRecordedEvent),
    );
  }

  async streamVersion(streamId: string): Promise<number> {
    return guarded(() => this.sql.selectStream.get(streamId)?.version ?? 0);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    assertReadAllOptions(options);
    return guarded(() => this.sql.readAll.all(options.after, options.limit).map(toRecordedEvent));
  }

  async readTypes(options: ReadTypesOptions): Promise<RecordedEvent[]> {
    assertReadTypesOptions(options);
    const { after, limit, types } = options;
    return guarded(() => this.sql.readTypes.all(after, JSON.stringify(types), limit).map(toRecordedEvent));
  }

  async headPosition(): Promise<number> {
    return guarded(() => this.sql.selectHead.get() ?? 0);
  }

  async findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    const row = guarded(() => this.sql.selectIdempotency.get(key));
    return row ? toIdempotencyRecord(row) : null;
  }

  async lookup(keys: readonly string[]): Promise<IndexHit[]> {
    return guarded(() => this.index.lookup(keys));
  }

  async readCheckpoint(name: string): Promise<number> {
    assertCheckpoint(name, 0);
    return guarded(() => this.index.checkpoint(name));
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    assertCheckpoint(name, position);
    guarded(() => this.index.saveCheckpoint(name, position));
  }

  /** The Merkle tree over every event, kept in the append's own transaction. */
  transparencyLog(): TransparencyLog {
    return this.log;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.db.open) this.db.close();
  }

  /**
   * The underlying connection, for tests and operational tooling (integrity checks, backups).
   * Writing through it bypasses every invariant of the store.
   */
  rawDatabase(): Database.Database {
    return this.db;
  }

  /** Commits every append requested since the last flush, then answers each caller. */
  private flush(): void {
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let outcomes: Outcome[];
    const started = performance.now();
    try {
      outcomes = this.commitGroup(group);
    } catch (error) {
      this.tree.invalidate();
      for (const request of group) request.reject(toStoreError(error));
      return;
    }
    const events = outcomes.reduce((sum, o) => sum + ('result' in o ? o.result.events.length : 0), 0);
    this.onCommit({ appends: group.length, events, seconds: (performance.now() - started) / 1000 });
    outcomes.forEach((outcome, i) =>
      'result' in outcome ? group[i].resolve(outcome.result) : group[i].reject(toStoreError(outcome.error)),
    );
  }

  private attempt(request: AppendRequest): Outcome {
    const mark = this.tree.mark();
    try {
      return { result: this.appendOne(request) };
    } catch (error) {
      this.tree.reset(mark);
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction, not just the savepoint: then
      // the group must fail whole, or the appends after it would run, and commit, outside any transaction.
      if (!this.db.inTransaction) throw error;
      return { error };
    }
  }

  /** Runs inside a savepoint of the group's BEGIN IMMEDIATE: any throw rolls this append back alone. */
  private appendLocked({ streamId, expectedVersion, events, options }: AppendRequest): AppendResult {
    const { idempotency, condition } = options;
    const stream = this.assertAppendable(streamId, expectedVersion, events, idempotency?.key);
    assertCondition(
      condition,
      () => this.sql.selectHead.get() ?? 0,
      (keys) => this.index.lookup(keys),
    );
    const recorded = this.insertEvents(streamId, stream?.version ?? 0, stream?.last_hash ?? null, events);
    const last = recorded[recorded.length - 1];
    this.sql.upsertStream.run(streamId, last.version, last.hash);
    this.index.write(entriesOf(this.indexer, recorded));
    this.tree.append(recorded, idempotency);
    if (idempotency) {
      const { key, requestHash } = idempotency;
      this.sql.insertIdempotency.run(key, requestHash, streamId, recorded[0].version, last.version, last.position);
    }
    return { streamId, version: last.version, position: last.position, events: recorded };
  }

  /** @returns the stream's row (undefined for a new stream), when the append may go ahead. */
  private assertAppendable(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    idempotencyKey: string | undefined,
  ): StreamRow | undefined {
    if (idempotencyKey !== undefined && this.sql.selectIdempotency.get(idempotencyKey)) {
      throw new IdempotencyKeyTakenError(idempotencyKey);
    }
    const stream = this.sql.selectStream.get(streamId);
    assertStreamConsistent(streamId, stream, this.sql.selectLastEvent.get(streamId));
    const currentVersion = stream?.version ?? 0;
    if (expectedVersion !== 'any' && expectedVersion !== currentVersion) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, currentVersion);
    }
    // Checked here rather than left to the UNIQUE constraint, to fail with the same plain Error as the other
    // adapter: better-sqlite3's SqliteError is bound to the first realm that loaded the addon, so under jest
    // it is not `instanceof Error` in later test files of the same worker.
    const duplicate = events.find((e) => this.sql.selectEventIdTaken.get(e.eventId) !== undefined);
    if (duplicate) throw new Error(`eventId ${duplicate.eventId} is already recorded`);
    return stream;
  }

  private insertEvents(
    streamId: string,
    version: number,
    lastHash: string | null,
    events: readonly NewEvent[],
  ): RecordedEvent[] {
    let position = this.sql.selectHead.get() ?? 0;
    let previousHash = lastHash;
    return events.map((input) => {
      const { event, dataJson, metadataJson } = normaliseEvent(input, { reuseCallersObjects: true });
      version += 1;
      position += 1;
      const { eventId, type } = event;
      // The stored text is the canonical form of data and metadata: spliced in, not serialised again.
      const hash = hashStoredEvent({ streamId, version, eventId, type, dataJson, metadataJson, previousHash });
      this.sql.insertEvent.run(position, streamId, version, eventId, type, dataJson, metadataJson, hash, previousHash);
      const recorded: RecordedEvent = { ...event, streamId, version, position, hash, previousHash };
      previousHash = hash;
      return recorded;
    });
  }

  /** A reader of a file its writer opened first (in WAL mode, at this code's schema): it only waits for locks. */
  private configureReader(): void {
    this.db.pragma('busy_timeout = 5000');
    if (this.db.pragma('journal_mode', { simple: true }) !== 'wal') {
      throw new Error(`${this.db.name} is not in WAL mode: a reader would block its writer`);
    }
    const version = this.db.pragma('user_version', { simple: true });
    if (version !== SCHEMA_VERSION) {
      throw new Error(`${this.db.name} has schema version ${String(version)}, this code reads ${SCHEMA_VERSION}`);
    }
  }

  private configure(synchronous: 'FULL' | 'NORMAL'): void {
    // First: switching a file to WAL takes a lock that a reader closing elsewhere may hold a moment longer.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    // Per connection, never persisted in the file; after journal_mode because better-sqlite3 is built with
    // SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, which puts every WAL connection at NORMAL unless told otherwise.
    this.db.pragma(`synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
  }
}

/** Runs a statement, reporting a storage failure as the port's error. */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw toStoreError(error);
  }
}
