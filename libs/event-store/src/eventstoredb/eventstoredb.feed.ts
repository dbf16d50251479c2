import { streamNameFilter, type AllStreamResolvedEvent, type AllStreamSubscription } from '@eventstore/db-client';
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
 */
export class EventStoreDbFeed {
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
    run.start();
    return run;
  }
}

class FeedRun implements FeedSubscription {
  checkpoint: number;
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
    this.lastBuffered = fromPosition;
  }

  start(): void {
    if (this.stopped) return;
    this.lastBuffered = this.checkpoint;
    const subscription = this.client.subscribeToAll({
      fromPosition: readPositionAt(this.checkpoint),
      filter: streamNameFilter({ regex: this.naming.feedRegex() }),
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
        this.options.onDrop?.(error, this.checkpoint);
        this.start();
      });
    }, delay);
  }

  private maxBatch(): number {
    return this.options.maxBatch ?? 500;
  }
}
