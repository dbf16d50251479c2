import {
  AGREEMENT_EVENT_SCHEMA_VERSIONS,
  evolve,
  evolvePerson,
  foldEvents,
  initialAgreementState,
  initialPersonState,
  ledgerEventOf,
  PAYMENT_DECISION_EVENTS,
  PERSON_EVENT_SCHEMA_VERSIONS,
  streamIdOf,
  type AgreementEvent,
  type AgreementState,
  type PersonEvent,
  type PersonState,
  type StreamCategory,
} from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';

/**
 * What the generic handler and reader need to know of one kind of stream: how its state folds from its events
 * and how a stored event becomes one of them. Special cases are data here, not hooks in the handler.
 */
export interface StreamType<S, E extends { readonly type: string; readonly data: unknown }> {
  readonly category: StreamCategory;
  readonly initialState: S;
  evolve(state: S, event: E): S;
  /** Folds a list of events (as `evolve` one by one; a type may remember a fold its decision already made). */
  fold(state: S, events: readonly E[]): S;
  readonly schemaVersions: Readonly<Record<E['type'], number>>;
  /** What a folded state costs the state cache: one, plus one per member for an agreement. */
  weight(state: S): number;
  /**
   * Set for a type that folds only some of its stream's events, the part of the state a decision reads: only
   * those are read (the others' versions are passed over), and the part is cached apart from the whole state.
   */
  readonly part?: { readonly name: string; readonly types: readonly string[] };
}

export function streamIdFor<S, E extends { type: string; data: unknown }>(type: StreamType<S, E>, id: string): string {
  return streamIdOf(type.category, id);
}

/** A stored event of a stream of this type, as the current schema (the one upcast, in the domain). */
export function eventOf<S, E extends { type: string; data: unknown }>(
  type: StreamType<S, E>,
  stored: RecordedEvent,
): E {
  const ledgerEvent = ledgerEventOf(stored);
  if (ledgerEvent === null || ledgerEvent.category !== type.category) {
    throw new Error(`event ${stored.position} of ${stored.streamId} is not of a ${type.category} stream`);
  }
  return ledgerEvent.event as unknown as E;
}

export const AGREEMENT_STREAM: StreamType<AgreementState, AgreementEvent> = {
  category: 'agreement',
  initialState: initialAgreementState,
  evolve,
  fold: foldEvents,
  schemaVersions: AGREEMENT_EVENT_SCHEMA_VERSIONS,
  weight: (state) => (state.status === 'none' ? 1 : 1 + state.members.size),
};

/**
 * An agreement's signature, termination, payments and reversals only: what RecordPremiumPayment and
 * ReversePremiumPayment decide on (rule 8), read without the agreement's enrolments (a domain spec shows both
 * decisions answer on it as on the whole state). Its members stay empty: it costs the cache one entry.
 */
export const AGREEMENT_PAYMENTS: StreamType<AgreementState, AgreementEvent> = {
  ...AGREEMENT_STREAM,
  weight: () => 1,
  part: { name: 'payments', types: PAYMENT_DECISION_EVENTS },
};

/** Person streams are history written before the index; they are read, never appended to. */
export const PERSON_STREAM: StreamType<PersonState, PersonEvent> = {
  category: 'person',
  initialState: initialPersonState,
  evolve: evolvePerson,
  fold: (state, events) => events.reduce(evolvePerson, state),
  schemaVersions: PERSON_EVENT_SCHEMA_VERSIONS,
  weight: () => 1,
};
