import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, ReactorHost, type Clock } from '@pks/application';
import { errorMessage, EVENT_STORE, type EventStore } from '@pks/event-store';
import { ReadModelHost, type ReadSideHealth, type ThreadHeap } from '@pks/projections';

/** How far one reader of the feed (the read models, a reactor) is behind the store's head. */
export interface FeedLag {
  readonly position: number;
  /** Events committed after `position`; null when the store did not answer. */
  readonly events: number | null;
  /** Age of the oldest event not processed yet (0 when caught up); null when the store did not answer. */
  readonly seconds: number | null;
}

/** The read side and the reactors as operators watch them: for /metrics and /health/ready. */
export interface ReadSideSnapshot {
  /** The store's head, or null with `storeError` when it did not answer. */
  readonly headPosition: number | null;
  readonly storeError: string | null;
  readonly readModels: ReadSideHealth & { readonly quarantined: number };
  /** The projection thread's heap after its last pass; null when the runner is on the service's loop. */
  readonly projectionThreadHeap: ThreadHeap | null;
  readonly readModelLag: FeedLag;
  readonly reactors: readonly (FeedLag & { readonly name: string; readonly lastError: string | null })[];
}

/** Most events counted to tell how far a reader is behind, where positions have gaps. */
const MAX_COUNTED = 10_000;

@Injectable()
export class ReadSideObserver {
  private pending: Promise<ReadSideSnapshot> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModelHost,
    private readonly reactors: ReactorHost,
  ) {}

  /** A scrape asks for every gauge at once: callers while a look is under way share it. */
  snapshot(): Promise<ReadSideSnapshot> {
    this.pending ??= this.take().finally(() => (this.pending = null));
    return this.pending;
  }

  private async take(): Promise<ReadSideSnapshot> {
    const head = await this.store.headPosition().then(
      (position) => ({ position, error: null }),
      (error: unknown) => ({ position: null, error: errorMessage(error) }),
    );
    const health = this.readModels.health(head.position ?? undefined);
    const { quarantined, threadHeap } = this.readModels.inspect((models) => models.runner.status());
    const reactors = await Promise.all(
      this.reactors.status().map(async (reactor) => ({
        ...(await this.lag(reactor.position, head.position)),
        name: reactor.name,
        lastError: reactor.lastError,
      })),
    );
    return {
      headPosition: head.position,
      storeError: head.error,
      readModels: { ...health, quarantined },
      projectionThreadHeap: threadHeap,
      readModelLag: await this.lag(health.appliedPosition, head.position),
      reactors,
    };
  }

  /** The age of the first event after `position` is read from its recording instant. */
  private async lag(position: number, head: number | null): Promise<FeedLag> {
    if (head === null) return { position, events: null, seconds: null };
    try {
      const events = await this.eventsAfter(position, head);
      if (events === 0) return { position, events, seconds: 0 };
      const [next] = await this.store.readAll({ after: position, limit: 1 });
      if (next === undefined) return { position, events, seconds: 0 };
      const ageMs = Date.parse(this.clock.now()) - Date.parse(next.metadata.recordedAt);
      return { position, events, seconds: Math.max(0, ageMs / 1000) };
    } catch {
      return { position, events: null, seconds: null };
    }
  }

  /**
   * Events committed after `position`: the difference of positions where they are dense, else counted from the feed
   * up to {@link MAX_COUNTED} (a reader that far behind is reported as that far behind).
   */
  private async eventsAfter(position: number, head: number): Promise<number> {
    if (this.store.densePositions) return Math.max(0, head - position);
    if (position >= head) return 0;
    return (await this.store.readAll({ after: position, limit: MAX_COUNTED })).length;
  }
}
