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

/**
 * Reads streams of any type: from a cached state where there is one, folding only the events after it. The
 * cache holds immutable states at a version, so a stale entry is brought up to date, never trusted blindly.
 */
@Injectable()
export class StreamReader {
  private readonly cache: StateCache<unknown>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STATE_CACHE_CAPACITY) capacity: number,
  ) {
    this.cache = new StateCache(capacity);
  }

  async load<S, E extends { type: string; data: unknown }>(
    type: StreamType<S, E>,
    id: string,
  ): Promise<LoadedStream<S>> {
    const streamId = streamIdFor(type, id);
    const cached = this.cache.get(streamId) as LoadedStream<S> | undefined;
    let state = cached?.state ?? type.initialState;
    let version = cached?.version ?? 0;
    for (const stored of await this.store.readStream(streamId, { fromVersion: version + 1 })) {
      state = type.evolve(state, eventOf(type, stored));
      version = stored.version;
    }
    this.cache.offer(streamId, version, state, type.weight(state));
    return { state, version };
  }

  /**
   * The cached state, without asking the store whether the stream moved since: a command may decide on it when
   * the store's expected-version check will catch a stale one (another process appended), and must load when
   * it refuses or changes nothing on it.
   */
  cached<S, E extends { type: string; data: unknown }>(
    type: StreamType<S, E>,
    id: string,
  ): LoadedStream<S> | undefined {
    return this.cache.get(streamIdFor(type, id)) as LoadedStream<S> | undefined;
  }

  /** Remembers the state an append reached, so that the next load reads nothing. */
  remember<S, E extends { type: string; data: unknown }>(
    type: StreamType<S, E>,
    id: string,
    loaded: LoadedStream<S>,
  ): void {
    this.cache.offer(streamIdFor(type, id), loaded.version, loaded.state, type.weight(loaded.state));
  }

  /** The stored events of a stream in version order. */
  history<S, E extends { type: string; data: unknown }>(
    type: StreamType<S, E>,
    id: string,
    fromVersion = 1,
    limit?: number,
  ): Promise<RecordedEvent[]> {
    return this.store.readStream(streamIdFor(type, id), { fromVersion, limit });
  }
}
