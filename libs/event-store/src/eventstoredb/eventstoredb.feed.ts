import {
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Position,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import type { EventStoreDbClient } from './client';
import { fromStoredEvent } from './event-envelope';
import { portPosition, readPositionAt } from './revisions';
import type { StreamNaming } from './stream-naming';

export interface EventStoreDbFeedOptions {
  /** Waits before successive resubscriptions after a drop, in ms; the last one repeats (default 100 ms .. 5 s). */
  readonly retryDelaysMs?: readonly number[];
  /** Most events handed to `onEvents` at once (default 500). */
  readonly maxBatch?: number;
  /** Told, before each resubscription, why the last one dropped (server gone, `onEvents` failed...) and where it resumes. */
  readonly onDrop?: (error: unknown, resumeAfter: number) => void;
  /** As the store's option: a fresh subscription (from 0) starts after this position. */
  readonly startPosition?: number;
}

/** Applies a batch of feed events; resolves once they and their checkpoint are durable. */
export type FeedHandler = (events: RecordedEvent[]) => Promise<void>;

export interface FeedSubscription {
  /** Position of the last event whose batch `onEvents` acknowledged. */
  readonly checkpoint: number;
  /** Stops delivering; resolves after the batch in progress, if any, is acknowledged or failed. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [100, 500, 1_000, 2_000, 5_000];

/**
 * A catch-up subscription to the ledger's feed in `$all`: first the history after the given position, then live
 * events, filtered on the server to this store's streams (and again here).
 *
 * The checkpoint is the caller's: `fromPosition` is the position its read models are known to have applied
 * (durably), and a batch counts as applied once `onEvents` resolves. After a drop the feed resubscribes from the
 * last acknowledged position, so a batch is delivered again if it was not acknowledged; consumers must be
 * idempotent by position (skip what their own checkpoint already covers). Batches never overlap.
 *
 * The server filters, and says how far it has searched with checkpoint messages. When everything delivered is
 * acknowledged, a checkpoint moves the resume position past the foreign events (other ledgers, system events,
 * idempotency claims) it covers: a resubscription after a drop does not search them again.
 */
export class EventStoreDbFeed {
  /** Subscriptions started and not stopped yet. */
  private readonly running = new Set<FeedSubscription>();

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly naming: StreamNaming,
    private readonly options: EventStoreDbFeedOptions = {},
  ) {}

  subscribeToAll(fromPosition: number, onEvents: FeedHandler): FeedSubscription {
    const run = new FeedRun(
      this.client,
      this.naming,
      this.options,
      Math.max(fromPosition, this.options.startPosition ?? 0),
      onEvents,
    );
    this.running.add(run);
    run.start();
    const running = this.running;
    return {
      get checkpoint() {
        return run.checkpoint;
      },
      async stop() {
        running.delete(run);
        await run.stop();
      },
    };
  }

  /** Stops every subscription still running (the store does, when closed: a forgotten one would resubscribe forever). */
  async stopAll(): Promise<void> {
    const runs = [...this.running];
    this.running.clear();
    await Promise.all(runs.map((run) => run.stop()));
  }
}

/** Position.End: what the server sends as a checkpoint before it has one. */
const NO_POSITION = 18_446_744_073_709_551_615n;

class FeedRun implements FeedSubscription {
  checkpoint: number;
  /** Where a resubscription starts: the checkpoint, or further when the server has searched past it. */
  private resumeAfter: number;
  private current: AllStreamSubscription | null = null;
  private buffer: RecordedEvent[] = [];
  private lastBuffered: number;
  private flushing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly naming: StreamNaming,
    private readonly options: EventStoreDbFeedOptions,
    fromPosition: number,
    private readonly onEvents: FeedHandler,
  ) {
    this.checkpoint = fromPosition;
    this.resumeAfter = fromPosition;
    this.lastBuffered = fromPosition;
  }

  start(): void {
    if (this.stopped) return;
    this.lastBuffered = this.resumeAfter;
    const subscription: AllStreamSubscription = this.client.subscribeToAll({
      fromPosition: readPositionAt(this.resumeAfter),
      filter: streamNameFilter({
        regex: this.naming.feedRegex(),
        checkpointReached: (_subscription, position) => this.searched(subscription, position),
      }),
    });
    this.current = subscription;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => this.receive(subscription, resolved));
    subscription.on('error', (error: Error) => this.drop(subscription, error));
    subscription.on('end', () => this.drop(subscription, new Error('the subscription ended')));
    subscription.on('close', () => this.drop(subscription, new Error('the subscription closed')));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const subscription = this.current;
    this.current = null;
    if (subscription) await subscription.unsubscribe().catch(() => undefined);
    await this.flushing;
  }

  private receive(subscription: AllStreamSubscription, resolved: AllStreamResolvedEvent): void {
    const event = resolved.event;
    if (subscription !== this.current || !event) return;
    const position = portPosition(event.position.commit);
    const streamId = this.naming.feedStreamId(event.streamId);
    // A subscription may start at (and so repeat) its start position; anything at or below it is applied already.
    if (position <= this.lastBuffered || streamId === null) return;
    this.buffer.push(fromStoredEvent(streamId, event, position));
    this.lastBuffered = position;
    if (this.buffer.length >= this.maxBatch()) subscription.pause();
    this.scheduleFlush(subscription);
  }

  /** The server has searched up to `position`: skip there on resubscription, if nothing before it is unacknowledged. */
  private searched(subscription: AllStreamSubscription, position: Position): void {
    const idle = this.buffer.length === 0 && this.flushing === null && subscription.readableLength === 0;
    if (subscription !== this.current || !idle || position.commit === NO_POSITION) return;
    const searched = portPosition(position.commit);
    if (searched <= this.resumeAfter) return;
    this.resumeAfter = searched;
    this.lastBuffered = Math.max(this.lastBuffered, searched);
  }

  private scheduleFlush(subscription: AllStreamSubscription): void {
    if (this.flushing) return;
    this.flushing = this.flush(subscription).finally(() => {
      this.flushing = null;
      if (this.buffer.length > 0 && this.current) this.scheduleFlush(this.current);
    });
  }

  /** Hands buffered events over, one batch at a time, while the subscription that delivered them is current. */
  private async flush(subscription: AllStreamSubscription): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve)); // let events that arrived together form one batch
    while (this.buffer.length > 0 && subscription === this.current) {
      const batch = this.buffer.splice(0, this.maxBatch());
      try {
        await this.onEvents(batch);
      } catch (error) {
        this.drop(subscription, error);
        return;
      }
      this.checkpoint = batch[batch.length - 1].position;
      this.resumeAfter = Math.max(this.resumeAfter, this.checkpoint);
      this.failures = 0;
      if (subscription.isPaused()) subscription.resume();
    }
  }

  private drop(subscription: AllStreamSubscription, error: unknown): void {
    if (subscription !== this.current || this.stopped) return;
    this.current = null;
    this.buffer = [];
    void subscription.unsubscribe().catch(() => undefined);
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(this.failures, delays.length - 1)];
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      // Resume only once the batch in flight (if any) settled: its acknowledgement moves the checkpoint.
      void Promise.resolve(this.flushing).then(() => {
        this.options.onDrop?.(error, this.resumeAfter);
        this.start();
      });
    }, delay);
  }

  private maxBatch(): number {
    return this.options.maxBatch ?? 500;
  }
}
