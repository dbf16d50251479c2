import type { JSONEventData } from '@eventstore/db-client';
import { normaliseEvent } from '../append-validation';
import { WrongExpectedVersionError } from '../event-store.errors';
import { entriesOf } from '../event-index';
import type {
  AppendResult,
  EventIndexer,
  ExpectedVersion,
  IdempotencyClaim,
  NewEvent,
  RecordedEvent,
} from '../event-store.port';
import { hashEvent } from '../hash-chain';
import { assertAppendFits } from './append-size';
import { appendExpecting, collect, onLeader, readLast, type EventStoreDbClient } from './client';
import { IdempotencyKeyBusyError, isWrongExpectedVersion, mapAppendError } from './error-mapping';
import { envelopeOf, fromStoredEvent, toEventData } from './event-envelope';
import type { IdempotencyLedger, KeyState } from './idempotency-ledger';
import { expectedRevisionFor, positionOf, versionOfRevision } from './revisions';
import type { StreamNaming } from './stream-naming';
import { sameSlot } from './target-slot';
import type { UniqueEntry, UniqueKeyLedger } from './unique-key-ledger';

/** How many lost races (with 'any', or between claimers of one key) an append retries before giving up. */
const MAX_ATTEMPTS = 10;

interface Tail {
  readonly version: number;
  readonly lastHash: string | null;
}

/** What an append needs besides the client: the two-write protocols, the indexer and the server's size limit. */
export interface AppenderDependencies {
  readonly idempotency: IdempotencyLedger;
  readonly uniqueKeys: UniqueKeyLedger;
  readonly indexer: EventIndexer;
  /** The server's MaxAppendSize: larger appends are refused before anything is written. */
  readonly maxAppendSize: number;
}

/** One append's request. `beforeWrite` runs last before the write (the best-effort check of a condition). */
interface AppendRequest {
  readonly streamId: string;
  readonly streamName: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly NewEvent[];
  readonly idempotency: IdempotencyClaim | undefined;
  readonly beforeWrite: () => Promise<void>;
}

/**
 * One append: check the key, read the stream's last event (its version and hash, the chain's previous link),
 * check the expected version and the size, claim the key, reserve the unique index keys, append with the version
 * read as EventStoreDB's expected revision, read the events back for their positions. An attempt that met a node
 * which is not the leader runs once more, on the leader the client has switched to.
 *
 * The append always names the exact revision it read, also for 'any': EventStoreDB refuses it if another writer
 * got in between, so the chain's previous link can never be stale. 'any' then starts again from a fresh read.
 */
export class Appender {
  private readonly ledger: IdempotencyLedger;

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly naming: StreamNaming,
    private readonly deps: AppenderDependencies,
  ) {
    this.ledger = deps.idempotency;
  }

  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
    idempotency: IdempotencyClaim | undefined,
    beforeWrite: () => Promise<void> = async () => undefined,
  ): Promise<AppendResult> {
    const streamName = this.naming.streamName(streamId);
    const normalised = events.map((event) => normaliseEvent(event).event);
    const request = { streamId, streamName, expected, events: normalised, idempotency, beforeWrite };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await onLeader(() => this.attempt(request));
      if (result !== 'again') return result;
    }
    throw new Error(`append to ${streamId} lost ${MAX_ATTEMPTS} races in a row; try again`);
  }

  private async attempt(request: AppendRequest): Promise<AppendResult | 'again'> {
    const { streamId, streamName, expected, idempotency } = request;
    const keyState = idempotency ? await this.ledger.assertFree(idempotency.key) : null;
    const tail = await this.readTail(streamName);
    if (expected !== 'any' && expected !== tail.version)
      throw new WrongExpectedVersionError(streamId, expected, tail.version);
    const data = encode(streamId, tail, request.events, idempotency?.key);
    assertAppendFits(streamId, data, this.deps.maxAppendSize);
    const unique = this.uniqueEntries(streamId, tail.version, request.events);
    if (idempotency && keyState && !(await this.claimKey(idempotency, keyState, streamId, tail.version, data))) {
      return 'again';
    }
    const slot = { streamId, expectedVersion: tail.version, firstEventId: data[0].id };
    if (unique.length > 0 && !(await this.deps.uniqueKeys.reserve(unique, slot))) return 'again';
    await request.beforeWrite();
    try {
      await appendExpecting(this.client, streamName, data, expectedRevisionFor(tail.version));
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw mapAppendError(error, streamId, expected);
      // A rival holding the same key may have won the slot: then the key is taken, not the version stale.
      if (idempotency) await this.ledger.assertFree(idempotency.key);
      if (expected === 'any') return 'again';
      throw mapAppendError(error, streamId, expected);
    }
    return this.readBack(streamId, streamName, tail.version, data);
  }

  /**
   * The unique index keys of the events at the versions they are about to take.
   * @throws UniqueKeyTakenError for a unique key given twice in the append.
   */
  private uniqueEntries(streamId: string, base: number, events: readonly NewEvent[]): UniqueEntry[] {
    const recorded = events.map((event, i): RecordedEvent => ({
      ...event,
      streamId,
      version: base + i + 1,
      position: 0,
      hash: '',
      previousHash: null,
    }));
    return entriesOf(this.deps.indexer, recorded)
      .filter((entry) => entry.unique)
      .map(({ key, version }) => ({ key, version }));
  }

  /**
   * Claims the key for this append; false when another claimer got in first (start again). A pending claim on
   * another stream cannot be fenced off, so the key is busy; one on this stream at an earlier version has lost its
   * slot by now (its outcome is final); one for this very slot competes with this append, and at most one wins.
   */
  private async claimKey(
    idempotency: IdempotencyClaim,
    keyState: KeyState,
    streamId: string,
    version: number,
    data: readonly JSONEventData[],
  ): Promise<boolean> {
    const { key, requestHash } = idempotency;
    const pending = keyState.claims.filter((c) => c.status === 'pending').map((c) => c.claim);
    const elsewhere = pending.find((claim) => claim.streamId !== streamId);
    if (elsewhere) throw new IdempotencyKeyBusyError(key, elsewhere.streamId);
    await this.ledger.assertNoneCommitted(
      key,
      pending.filter((claim) => !sameSlot(claim, streamId, version)),
    );
    const claim = {
      key,
      requestHash,
      streamId,
      expectedVersion: version,
      eventCount: data.length,
      firstEventId: data[0].id,
    };
    return this.ledger.claim(claim, keyState.lastRevision);
  }

  private async readTail(streamName: string): Promise<Tail> {
    const last = await readLast(this.client, streamName);
    return last
      ? { version: versionOfRevision(last.revision), lastHash: envelopeOf(last).hash }
      : { version: 0, lastHash: null };
  }

  /** The appended events as stored, with their positions (which only a read returns for every event). */
  private async readBack(
    streamId: string,
    streamName: string,
    before: number,
    data: readonly JSONEventData[],
  ): Promise<AppendResult> {
    const read = this.client.readStream(streamName, {
      fromRevision: BigInt(before),
      maxCount: data.length,
      requiresLeader: true,
    });
    const stored = await collect(read, `read of ${streamName}`);
    if (stored.length !== data.length || stored.some((event, i) => event.id !== data[i].id)) {
      throw new Error(
        `EventStoreDB confirmed the append to ${streamId} after version ${before}, but other events are there`,
      );
    }
    const events = stored.map((event) => fromStoredEvent(streamId, event, positionOf(event)));
    const last = events[events.length - 1];
    return { streamId, version: last.version, position: last.position, events };
  }
}

/** The events to send, chained from the stream's last hash. */
function encode(streamId: string, tail: Tail, events: readonly NewEvent[], key: string | undefined): JSONEventData[] {
  let previousHash = tail.lastHash;
  return events.map((event, i) => {
    const hash = hashEvent(streamId, tail.version + i + 1, event, previousHash);
    const data = toEventData(event, { hash, previousHash }, key);
    previousHash = hash;
    return data;
  });
}
