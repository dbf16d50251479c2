import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import {
  agreementStreamId,
  AGREEMENT_EVENT_SCHEMA_VERSIONS,
  evolve,
  latestIndonesianDate,
  type AgreementEvent,
  type AgreementState,
} from '@pks/domain';
import {
  EVENT_STORE,
  IdempotencyKeyTakenError,
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@pks/event-store';
import { ApplicationError } from '../application.errors';
import { eventMetadata, type CommandContext, type CommandResult } from '../command-context';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '../ports/clock.port';
import { EventsAppended } from '../events-appended.event';
import { AgreementStreams, toAgreementEvent } from './agreement-streams';

/** How often a command that lost a race (no If-Match given) is decided again against fresh state. */
export const MAX_ATTEMPTS = 5;

/** One command on one agreement, as the runner needs it. */
export interface AgreementCommandPlan {
  readonly agreementId: string;
  /** Decides against the current state; `today` is the latest calendar date in Indonesia now. */
  decide(state: AgreementState, today: string): Promise<AgreementEvent[]> | AgreementEvent[];
  /** Extra fields of the answer, read from the appended events (also when replaying an Idempotency-Key). */
  describe?(events: readonly AgreementEvent[]): Record<string, unknown>;
  /**
   * Runs after a decision and before its append, e.g. to claim a cross-agreement lock; resolves true when it
   * took something that `onRefused` must give back.
   */
  beforeAppend?(events: readonly AgreementEvent[]): Promise<boolean>;
  /** Runs when the command is finally refused after a `beforeAppend` that took something. */
  onRefused?(error: unknown): Promise<void>;
}

/**
 * The generic command handler: load, decide, append with the expected version; retry a lost race against
 * fresh state, honour If-Match and Idempotency-Key. A refused command appends nothing.
 */
@Injectable()
export class AgreementCommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly streams: AgreementStreams,
    private readonly eventBus: EventBus,
  ) {}

  async run(plan: AgreementCommandPlan, context: CommandContext): Promise<CommandResult> {
    const replayed = await this.replay(plan, context);
    if (replayed) return replayed;
    let preparedAppend = false;
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const { state, version } = await this.streams.load(plan.agreementId);
        requireExpectedVersion(context, version);
        const now = this.clock.now();
        const events = await plan.decide(state, latestIndonesianDate(now));
        // Nothing to record (an idempotent command repeated): answer with the store's head as consistency token.
        if (events.length === 0) return this.result(plan, version, await this.store.headPosition(), events);
        if (await plan.beforeAppend?.(events)) preparedAppend = true;
        const appended = await this.tryAppend(plan, context, version, events, now);
        if (appended === 'replay') return (await this.replay(plan, context)) as CommandResult;
        if (appended !== 'lost-race') {
          this.streams.remember(plan.agreementId, { state: events.reduce(evolve, state), version: appended.version });
          this.eventBus.publish(new EventsAppended(appended.position));
          return this.result(plan, appended.version, appended.position, events);
        }
      }
      throw new ApplicationError(
        'CONCURRENT_MODIFICATION',
        `agreement ${plan.agreementId} changed during ${MAX_ATTEMPTS} attempts; try again`,
      );
    } catch (error) {
      if (preparedAppend) await plan.onRefused?.(error);
      throw error;
    }
  }

  private async tryAppend(
    plan: AgreementCommandPlan,
    context: CommandContext,
    version: number,
    events: AgreementEvent[],
    now: string,
  ) {
    try {
      return await this.store.append(
        agreementStreamId(plan.agreementId),
        version,
        events.map((event) => this.toNewEvent(event, context, now)),
        { idempotency: context.idempotency },
      );
    } catch (error) {
      if (error instanceof IdempotencyKeyTakenError) return 'replay' as const;
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      requireExpectedVersion(context, error.actualVersion);
      return 'lost-race' as const;
    }
  }

  /** The first answer to an Idempotency-Key, rebuilt from the events it appended; null for a new key. */
  private async replay(plan: AgreementCommandPlan, context: CommandContext): Promise<CommandResult | null> {
    if (context.idempotency === undefined) return null;
    const record = await this.store.findIdempotencyRecord(context.idempotency.key);
    if (record === null) return null;
    if (record.requestHash !== context.idempotency.requestHash) {
      throw new ApplicationError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request', {
        key: record.key,
      });
    }
    const stored: RecordedEvent[] = await this.store.readStream(record.streamId, {
      fromVersion: record.fromVersion,
      toVersion: record.toVersion,
    });
    return this.result(plan, record.toVersion, record.position, stored.map(toAgreementEvent));
  }

  private result(plan: AgreementCommandPlan, version: number, position: number, events: readonly AgreementEvent[]) {
    return { agreementId: plan.agreementId, version, position, ...plan.describe?.(events) };
  }

  private toNewEvent(event: AgreementEvent, context: CommandContext, now: string): NewEvent {
    return {
      eventId: this.ids.newId(),
      type: event.type,
      data: event.data,
      metadata: eventMetadata(context, now, AGREEMENT_EVENT_SCHEMA_VERSIONS[event.type]),
    };
  }
}

function requireExpectedVersion(context: CommandContext, actual: number): void {
  if (context.expectedVersion !== undefined && context.expectedVersion !== actual) {
    throw new ApplicationError(
      'VERSION_CONFLICT',
      `the agreement is at version ${actual}, not ${context.expectedVersion}`,
      { expectedVersion: context.expectedVersion, actualVersion: actual },
    );
  }
}
