import type Database from 'better-sqlite3';
import {
  errorMessage,
  storageFailure,
  StoreUnavailableError,
  type EventStore,
  type FeedSubscription,
  type RecordedEvent,
} from '@pks/event-store';
import { fed } from './fed-event';
import type { CorruptionListener, FeedRunner, StoreChangeListener } from './feed-runner';
import type { QuarantinedEvent } from './projection-quarantine';
import { ProjectionSlices } from './projection-slices';
import type { Projection } from './read-model';
import { StoreFollowing } from './store-following';

export type { QuarantinedEvent } from './projection-quarantine';
export type { CorruptionListener, StoreChangeListener } from './feed-runner';

/** Events applied and committed together, with their checkpoint. */
export const DEFAULT_BATCH = 1_000;

/** How long a notification waits for others to join it. */
const NOTIFY_DELAY_MS = 2;

/** How a runner cuts the feed into transactions. */
export interface RunnerSlicing {
  /** Events read from the feed at a time (and at most applied in one transaction). */
  readonly batchSize?: number;
  /**
   * Once a transaction has applied events for this long, it commits and the runner lets the event loop run
   * before it goes on: a service's requests never wait behind more than one slice (default: no limit, a read
   * batch per transaction). Each slice commits with its checkpoint, as a batch does.
   */
  readonly sliceMs?: number;
  /**
   * Asked before every read of the feed and every slice: true halts the runner as `halt()` does. For a halt
   * requested from another thread, which cannot wait for the runner's own loop to read a message.
   */
  readonly haltRequested?: () => boolean;
}

export type BatchListener = (appliedPosition: number, events: number) => void;

/**
 * Applies the store's global feed to the read models. Each slice of events (a read batch, or what fits in
 * `sliceMs`) and the checkpoint after it commit in one transaction, so a crash loses or repeats nothing: on
 * restart the runner resumes after the checkpoint. An event that a projection cannot apply is rolled back to its
 * savepoint and quarantined; the others go on.
 */
export class ProjectionRunner implements FeedRunner {
  private position: number;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private notified: NodeJS.Timeout | null = null;
  private subscription: FeedSubscription | null = null;
  private lastError: string | null = null;
  private halted = false;
  private corruptionListener: CorruptionListener | null = null;
  private storeChangeListener: StoreChangeListener | null = null;
  /** Set once the store was found changed: nothing more is applied to this generation. */
  private storeChanged: string | null = null;
  private readonly following: StoreFollowing;
  private readonly slices: ProjectionSlices;
  private readonly batchSize: number;
  private readonly sliceMs: number;
  private readonly haltRequested: () => boolean;
  /** The application under way, if any: the next waits for it. */
  private applying: Promise<unknown> = Promise.resolve();

  constructor(
    db: Database.Database,
    private readonly store: EventStore,
    projections: readonly Projection[],
    private readonly onBatch?: BatchListener,
    { batchSize = DEFAULT_BATCH, sliceMs = Infinity, haltRequested = () => false }: RunnerSlicing = {},
  ) {
    this.batchSize = batchSize;
    this.sliceMs = sliceMs;
    this.haltRequested = haltRequested;
    this.following = new StoreFollowing(db, store);
    this.slices = new ProjectionSlices(db, projections, this.following);
    this.position = this.slices.position();
  }

  /** Global position up to which every read model has applied the feed. */
  appliedPosition(): number {
    return this.position;
  }

  /** The error of the last pass, null once a pass succeeded. */
  lastFailure(): string | null {
    return this.lastError;
  }

  /** The position each read model has applied, by name. */
  checkpoints(): ReadonlyMap<string, number> {
    return this.slices.applied;
  }

  status() {
    // On the service's own loop: its heap is the main thread's, which the process's gauges show.
    return {
      appliedPosition: this.position,
      quarantined: this.quarantined().length,
      lastError: this.lastError,
      threadHeap: null,
    };
  }

  quarantined(): QuarantinedEvent[] {
    return this.slices.quarantined();
  }

  /**
   * Keeps applying new events: on `catchUp()` calls, every `pollMs` (for writers in other processes), and as the
   * store pushes them where it can (EventStoreDB's catch-up subscription).
   */
  start(pollMs: number): void {
    if (this.timer) return;
    this.halted = false;
    this.subscription = this.store.subscribeToAll?.(this.position, (events) => this.deliver(events)) ?? null;
    this.timer = setInterval(() => void this.catchUp().catch(() => undefined), pollMs);
    this.timer.unref();
    void this.catchUp().catch(() => undefined);
  }

  /** On the service's own loop, the runner applies from the moment it starts. */
  started(): Promise<void> {
    return Promise.resolve();
  }

  /** Calls `listener` when a pass finds that the store is not the one these read models applied. */
  whenStoreChanged(listener: StoreChangeListener): void {
    this.storeChangeListener = listener;
  }

  /**
   * Whether the store is still the one these read models follow (see StoreFollowing); null when it is. Asked
   * before every pass, and by the host before it answers anything from this generation.
   */
  async checkStore(): Promise<string | null> {
    this.storeChanged ??= await this.following.check(this.position);
    return this.storeChanged;
  }

  /** Calls `listener` when a pass finds the read-model database damaged. */
  whenCorrupt(listener: CorruptionListener): void {
    this.corruptionListener = listener;
  }

  async stop(): Promise<void> {
    const subscription = this.halt();
    await subscription?.stop();
    await this.running?.catch(() => undefined);
  }

  /**
   * Stops at once, without waiting for a pass under way (its next write will fail on the closed database): for a
   * damaged database that must be closed before its files are moved. Returns the push subscription to stop.
   */
  halt(): FeedSubscription | null {
    this.halted = true;
    const subscription = this.subscription;
    this.subscription = null;
    if (this.timer) clearInterval(this.timer);
    if (this.notified) clearTimeout(this.notified);
    this.timer = null;
    this.notified = null;
    return subscription;
  }

  /**
   * Asks for a catch-up soon: notifications that arrive within `delayMs` share one pass, so that a burst of
   * commands is applied in one transaction rather than one each.
   */
  notify(delayMs = NOTIFY_DELAY_MS): void {
    if (this.notified) return;
    this.notified = setTimeout(() => {
      this.notified = null;
      void this.catchUp().catch(() => undefined);
    }, delayMs);
    this.notified.unref();
  }

  /** Applies everything committed so far; concurrent callers share one pass. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Applies events the store pushed; what the checkpoint already covers (a redelivery) is skipped. A halted runner
   * applies nothing more (its position stays, so the next runner reads those events from the feed). A failure is
   * reported like a failed pass, then thrown so that the subscription resumes from the last applied batch.
   */
  async deliver(events: readonly RecordedEvent[]): Promise<void> {
    await this.running?.catch(() => undefined);
    if (this.halted || this.storeChanged !== null) return;
    try {
      await this.applySliced(events);
      this.lastError = null;
    } catch (error) {
      this.lastError = errorMessage(error);
      if (storageFailure(error) === 'corrupt') this.corruptionListener?.(error);
      throw error;
    }
  }

  /** Resolves once the read models have applied `position` (which must be committed already). */
  async catchUpTo(position: number): Promise<void> {
    while (this.position < position) {
      const before = this.position;
      await this.catchUp();
      if (this.position === before) return;
    }
  }

  /** Halted, or asked to halt from elsewhere (which halts it now). */
  private stopped(): boolean {
    if (!this.halted && this.haltRequested()) this.halt();
    return this.halted;
  }

  private async drain(): Promise<void> {
    try {
      const changed = await this.checkStore();
      if (changed !== null) {
        this.lastError = changed;
        this.storeChangeListener?.(changed);
        return;
      }
      do {
        this.again = false;
        while (!this.stopped()) {
          const events = await this.store.readAll({ after: this.position, limit: this.batchSize });
          if (events.length === 0) break;
          await this.applySliced(events);
        }
      } while (this.again);
      this.lastError = null;
    } catch (error) {
      this.lastError = errorMessage(error);
      const failure = storageFailure(error);
      if (failure === 'corrupt') this.corruptionListener?.(error);
      // A full or failing disk under the read models: the caller (a command needing them) may retry later.
      if (failure === 'unavailable')
        throw new StoreUnavailableError(`read models: ${this.lastError}`, { cause: error });
      throw error;
    }
  }

  /**
   * Applies the events the checkpoint does not cover yet, a slice per transaction, yielding between slices.
   * Applications take turns (a pushed batch may arrive while a read batch is between slices): each starts from
   * the position the one before it reached.
   */
  private applySliced(delivered: readonly RecordedEvent[]): Promise<void> {
    const run = this.applying.then(() => this.applySlices(delivered));
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async applySlices(delivered: readonly RecordedEvent[]): Promise<void> {
    // A pushed batch and a read batch may overlap: what the checkpoint covers is never applied again.
    const events = delivered.filter((event) => event.position > this.position).map(fed);
    for (let from = 0; from < events.length && !this.stopped();) {
      const to = this.slices.commit(events, from, this.sliceMs);
      this.position = events[to - 1].stored.position;
      this.onBatch?.(this.position, to - from);
      from = to;
      // After every slice, the last of a batch too: a backlog read batch after batch never holds the loop longer.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
