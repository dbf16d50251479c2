import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { DomainError, latestIndonesianDate } from '@pks/domain';
import {
  AppendConditionFailedError,
  EVENT_STORE,
  IdempotencyKeyTakenError,
  UniqueKeyTakenError,
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
} from '@pks/event-store';
import { ApplicationError } from '../application.errors';
import { eventMetadata, ownedIdempotencyKey, type CommandContext, type CommandResult } from '../command-context';
import { EventsAppended } from '../events-appended.event';
import { LedgerIntegrity } from '../ledger/ledger-integrity';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '../ports/clock.port';
import {
  COMMAND_METRICS,
  NO_COMMAND_METRICS,
  type CommandMetrics,
  type CommandOutcome,
} from '../ports/command-metrics.port';
import { StreamReader } from '../streams/stream-reader';
import { eventOf, streamIdFor } from '../streams/stream-type';
import { KeyedQueue } from './keyed-queue';
import type { GatheredFacts, StreamCommand } from './stream-command';

/** How often a command decides again after losing a race to another process or to a fact it read. */
export const MAX_ATTEMPTS = 5;

type Event = { readonly type: string; readonly data: unknown };

/** What a decision on a state at a version gave, to append. */
interface Decided<S, E extends Event> {
  readonly state: S;
  readonly version: number;
  readonly events: readonly E[];
  readonly facts: GatheredFacts | undefined;
  readonly now: string;
}

/** A command's answer and how it was reached. */
interface Handled {
  readonly result: CommandResult;
  readonly outcome: Extract<CommandOutcome, 'appended' | 'unchanged' | 'replayed'>;
}

/**
 * The one command handler, for any stream: read (from the cache when current), fold, decide, append with the
 * expected version. Commands of one stream in this process take turns; a race lost to another process (or a
 * fact from the index that moved) is decided again on fresh state, a bounded number of times. If-Match and
 * Idempotency-Key are honoured here; a refused command appends nothing. Nothing is built on a ledger found
 * tampered (LedgerIntegrity): not even a retry's replay answers from it.
 */
@Injectable()
export class StreamCommandHandler {
  private readonly queue = new KeyedQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly reader: StreamReader,
    private readonly eventBus: EventBus,
    private readonly integrity: LedgerIntegrity,
    @Optional() @Inject(COMMAND_METRICS) private readonly metrics: CommandMetrics = NO_COMMAND_METRICS,
  ) {}

  async handle<S, E extends Event>(command: StreamCommand<S, E>, context: CommandContext): Promise<CommandResult> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const { result, outcome } = await this.run(command, context);
      this.metrics.commandHandled({ type: command.name, outcome, seconds: seconds() });
      return result;
    } catch (error) {
      const refused = error instanceof DomainError || error instanceof ApplicationError;
      const [outcome, code] = refused ? ['refused', error.code] : ['failed', errorName(error)];
      this.metrics.commandHandled({ type: command.name, outcome: outcome as CommandOutcome, code, seconds: seconds() });
      throw error;
    }
  }

  private run<S, E extends Event>(command: StreamCommand<S, E>, context: CommandContext): Promise<Handled> {
    return this.queue.run(streamIdFor(command.stream, command.id), async () => {
      this.integrity.assertWritable();
      const replayed = await this.replay(command, context);
      if (replayed) return { result: replayed, outcome: 'replayed' };
      // The first decision may be on the cached state, unread: the append's expected version catches a stale one.
      let trustCache = true;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS;) {
        const outcome = await this.attempt(command, context, trustCache);
        if (outcome === 'load') trustCache = false;
        else if (outcome !== 'decide-again') return outcome;
        else [attempt, trustCache] = [attempt + 1, false];
      }
      throw new ApplicationError(
        'CONCURRENT_MODIFICATION',
        `${streamIdFor(command.stream, command.id)} changed during ${MAX_ATTEMPTS} attempts; try again`,
      );
    });
  }

  /**
   * Reads (or takes the cached state), decides and appends. `load`: a decision on the cached state that appends
   * nothing (a refusal, no change, If-Match not met) must be made again on the stored state, as only an append
   * would have found out that another process moved the stream.
   */
  private async attempt<S, E extends Event>(
    command: StreamCommand<S, E>,
    context: CommandContext,
    trustCache: boolean,
  ): Promise<Handled | 'decide-again' | 'load'> {
    const cached = trustCache ? this.reader.cached(command.stream, command.id) : undefined;
    const { state, version } = cached ?? (await this.reader.load(command.stream, command.id));
    let events: readonly E[];
    let facts: GatheredFacts | undefined;
    const now = this.clock.now();
    try {
      requireExpectedVersion(context, version);
      const today = latestIndonesianDate(now);
      facts = await command.gather?.(state, today);
      events = command.decide(state, { today, ...facts?.context });
    } catch (error) {
      if (cached && (error instanceof DomainError || error instanceof ApplicationError)) return 'load';
      throw error;
    }
    // Nothing to record (a repeated command that changes nothing): the store's head is the consistency token.
    if (events.length === 0) {
      if (cached) return 'load';
      return { result: this.result(command, version, await this.store.headPosition(), events), outcome: 'unchanged' };
    }
    return this.appendDecided(command, context, { state, version, events, facts, now });
  }

  private async appendDecided<S, E extends Event>(
    command: StreamCommand<S, E>,
    context: CommandContext,
    { state, version, events, facts, now }: Decided<S, E>,
  ): Promise<Handled | 'decide-again'> {
    const toAppend = events.map((event) => this.toNewEvent(command, event, context, now));
    try {
      const appended = await this.timedAppend(streamIdFor(command.stream, command.id), version, toAppend, {
        idempotency: context.idempotency && {
          key: ownedIdempotencyKey(context) as string,
          requestHash: context.idempotency.requestHash,
        },
        condition: facts?.condition,
      });
      this.reader.remember(
        command.stream,
        command.id,
        { state: command.stream.fold(state, events), version: appended.version },
        events,
      );
      this.eventBus.publish(new EventsAppended(appended.position));
      return { result: this.result(command, appended.version, appended.position, events), outcome: 'appended' };
    } catch (error) {
      if (error instanceof IdempotencyKeyTakenError) {
        return { result: (await this.replay(command, context)) as CommandResult, outcome: 'replayed' };
      }
      if (error instanceof WrongExpectedVersionError) {
        requireExpectedVersion(context, error.actualVersion);
        return 'decide-again';
      }
      if (error instanceof UniqueKeyTakenError || error instanceof AppendConditionFailedError) return 'decide-again';
      throw error;
    }
  }

  private async timedAppend(...[streamId, version, events, options]: Parameters<EventStore['append']>) {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const appended = await this.store.append(streamId, version, events, options);
      this.metrics.appendFinished(seconds(), events.length, true);
      return appended;
    } catch (error) {
      this.metrics.appendFinished(seconds(), events.length, false);
      throw error;
    }
  }

  /** The first answer to an Idempotency-Key, rebuilt from the events it appended; null for a new key. */
  private async replay<S, E extends Event>(command: StreamCommand<S, E>, context: CommandContext) {
    if (context.idempotency === undefined) return null;
    const record = await this.store.findIdempotencyRecord(ownedIdempotencyKey(context) as string);
    if (record === null) return null;
    if (record.requestHash !== context.idempotency.requestHash) {
      throw new ApplicationError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request', {
        key: context.idempotency.key,
      });
    }
    const stored = await this.store.readStream(record.streamId, {
      fromVersion: record.fromVersion,
      toVersion: record.toVersion,
    });
    return this.result(
      command,
      record.toVersion,
      record.position,
      stored.map((event) => eventOf(command.stream, event)),
    );
  }

  private result<S, E extends Event>(
    command: StreamCommand<S, E>,
    version: number,
    position: number,
    events: readonly E[],
  ) {
    return { agreementId: command.id, version, position, ...command.describe?.(events) };
  }

  private toNewEvent<S, E extends Event>(
    command: StreamCommand<S, E>,
    event: E,
    context: CommandContext,
    now: string,
  ): NewEvent {
    const schemaVersion = (command.stream.schemaVersions as Record<string, number>)[event.type];
    return {
      eventId: this.ids.newId(),
      type: event.type,
      data: event.data,
      metadata: eventMetadata(context, now, schemaVersion),
    };
  }
}

function requireExpectedVersion(context: CommandContext, actual: number): void {
  if (context.expectedVersion !== undefined && context.expectedVersion !== actual) {
    throw new ApplicationError(
      'VERSION_CONFLICT',
      `the agreement is at version ${actual}, not ${context.expectedVersion}`,
      {
        expectedVersion: context.expectedVersion,
        actualVersion: actual,
      },
    );
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
