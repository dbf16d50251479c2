import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@pks/event-store';
import { StateCache } from './state-cache';
import { eventOf, streamIdFor, type StreamType } from './stream-type';

/** DI token: how many members (plus one per stream) the cached states may hold in all. */
export const STATE_CACHE_CAPACITY = Symbol('STATE_CACHE_CAPACITY');

/** A stream's state at a version (0 and the initial state when it does not exist). */
export interface LoadedStream<S> {
  readonly state: S;
  readonly version: number;
}

type Event = { type: string; data: unknown };

/**
 * Reads streams of any type: from a cached state where there is one, folding only the events after it. The
 * cache holds immutable states at a version, so a stale entry is brought up to date, never trusted blindly. A
 * type that folds a part of its stream (`StreamType.part`) is cached apart from the whole state, and reads only
 * its events up to the stream's version; an append moves every cached view of the stream it finds current.
 */
@Injectable()
export class StreamReader {
  private readonly cache: StateCache<unknown>;
  /** Every type read or remembered, by category: the views of a stream an append may move. */
  private readonly views = new Map<string, Set<StreamType<unknown, Event>>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STATE_CACHE_CAPACITY) capacity: number,
  ) {
    this.cache = new StateCache(capacity);
  }

  async load<S, E extends Event>(type: StreamType<S, E>, id: string): Promise<LoadedStream<S>> {
    const streamId = streamIdFor(type, id);
    const key = cacheKey(type, id);
    const cached = this.cache.get(key) as LoadedStream<S> | undefined;
    let state = cached?.state ?? type.initialState;
    let version = cached?.version ?? 0;
    // A part reads its events up to the version the stream has now: the others' versions are passed over too.
    const types = type.part?.types;
    const head = types === undefined ? undefined : await this.store.streamVersion(streamId);
    const range = head === undefined ? {} : { toVersion: head, types };
    if (head === undefined || head > version) {
      for (const stored of await this.store.readStream(streamId, { fromVersion: version + 1, ...range })) {
        state = type.evolve(state, eventOf(type, stored));
        version = stored.version;
      }
    }
    if (head !== undefined) version = Math.max(version, head);
    this.viewed(type);
    this.cache.offer(key, version, state, type.weight(state));
    return { state, version };
  }

  /**
   * The cached state, without asking the store whether the stream moved since: a command may decide on it when
   * the store's expected-version check will catch a stale one (another process appended), and must load when
   * it refuses or changes nothing on it.
   */
  cached<S, E extends Event>(type: StreamType<S, E>, id: string): LoadedStream<S> | undefined {
    return this.cache.get(cacheKey(type, id)) as LoadedStream<S> | undefined;
  }

  /**
   * Remembers the state an append reached, so that the next load reads nothing; `appended` are the events that
   * took the stream there. Every other view of the stream cached at the version before them is moved on too:
   * a payment leaves a cached whole state current, and an enrolment a cached part.
   */
  remember<S, E extends Event>(
    type: StreamType<S, E>,
    id: string,
    loaded: LoadedStream<S>,
    appended: readonly E[] = [],
  ): void {
    this.viewed(type);
    this.cache.offer(cacheKey(type, id), loaded.version, loaded.state, type.weight(loaded.state));
    const before = loaded.version - appended.length;
    if (appended.length === 0) return;
    for (const view of this.views.get(type.category) ?? []) {
      if (view === type) continue;
      const key = cacheKey(view, id);
      const entry = this.cache.peek(key);
      if (entry === undefined || entry.version !== before) continue;
      const types = view.part?.types;
      const events = types === undefined ? appended : appended.filter((event) => types.includes(event.type));
      const state = view.fold(entry.state, events);
      this.cache.offer(key, loaded.version, state, view.weight(state));
    }
  }

  /** The stored events of a stream in version order. */
  history<S, E extends Event>(
    type: StreamType<S, E>,
    id: string,
    fromVersion = 1,
    limit?: number,
  ): Promise<RecordedEvent[]> {
    return this.store.readStream(streamIdFor(type, id), { fromVersion, limit });
  }

  private viewed<S, E extends Event>(type: StreamType<S, E>): void {
    const views = this.views.get(type.category) ?? new Set();
    views.add(type as unknown as StreamType<unknown, Event>);
    this.views.set(type.category, views);
  }
}

/** A part is cached apart from the whole state of its stream. */
function cacheKey<S, E extends Event>(type: StreamType<S, E>, id: string): string {
  const streamId = streamIdFor(type, id);
  return type.part === undefined ? streamId : `${streamId}#${type.part.name}`;
}
