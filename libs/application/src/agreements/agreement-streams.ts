import { Inject, Injectable } from '@nestjs/common';
import {
  agreementStreamId,
  eventUpcaster,
  evolve,
  initialAgreementState,
  type AgreementEvent,
  type AgreementState,
} from '@pks/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@pks/event-store';
import { StateCache } from './state-cache';

/** DI token: how many members (plus one per agreement) the cached agreement states may hold in all. */
export const STATE_CACHE_CAPACITY = Symbol('STATE_CACHE_CAPACITY');

/** An agreement's state at a version of its stream. */
export interface LoadedAgreement {
  readonly state: AgreementState;
  readonly version: number;
}

/** Reads agreement streams: upcasts stored events and folds them, from a cached state where there is one. */
@Injectable()
export class AgreementStreams {
  private readonly cache: StateCache<AgreementState>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STATE_CACHE_CAPACITY) capacity: number,
  ) {
    this.cache = new StateCache(capacity);
  }

  /** The current state of an agreement (status 'none' at version 0 when it does not exist). */
  async load(agreementId: string): Promise<LoadedAgreement> {
    const streamId = agreementStreamId(agreementId);
    const cached = this.cache.get(streamId);
    let state = cached?.state ?? initialAgreementState;
    let version = cached?.version ?? 0;
    for (const event of await this.store.readStream(streamId, { fromVersion: version + 1 })) {
      state = evolve(state, toAgreementEvent(event));
      version = event.version;
    }
    this.cache.offer(streamId, version, state, weightOf(state));
    return { state, version };
  }

  /** Remembers the state reached by an append, so that the next load reads nothing. */
  remember(agreementId: string, loaded: LoadedAgreement): void {
    this.cache.offer(agreementStreamId(agreementId), loaded.version, loaded.state, weightOf(loaded.state));
  }

  /** The stored events of an agreement, upcast, in stream order. */
  async history(agreementId: string, fromVersion = 1, limit?: number): Promise<RecordedEvent[]> {
    return this.store.readStream(agreementStreamId(agreementId), { fromVersion, limit });
  }
}

/** What an agreement's state costs the cache: one for itself and one per member. */
function weightOf(state: AgreementState): number {
  return state.status === 'none' ? 1 : 1 + state.members.size;
}

/** A stored agreement event as the current schema version of its type. */
export function toAgreementEvent(event: RecordedEvent): AgreementEvent {
  return eventUpcaster.upcast<AgreementEvent>({
    type: event.type,
    schemaVersion: event.metadata.schemaVersion,
    data: event.data,
  });
}
