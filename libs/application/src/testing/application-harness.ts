import { randomUUID } from 'node:crypto';
import type { EventBus } from '@nestjs/cqrs';
import type { AgreementCommand } from '@pks/domain';
import type { EventStore, RecordedEvent } from '@pks/event-store';
import { InMemoryEventStore } from '@pks/event-store/adapters';
import type { CommandContext } from '../command-context';
import type { CommandMetrics } from '../ports/command-metrics.port';
import { agreementCommand } from '../commands/agreement-command';
import { StreamCommandHandler } from '../commands/stream-command-handler';
import { LedgerIntegrity } from '../ledger/ledger-integrity';
import { PeopleDirectory } from '../people/people-directory';
import { DeathSpreadReactor } from '../reactors/death-spread.reactor';
import { ReactorRunner } from '../reactors/reactor-runner';
import { LEDGER_INDEXER } from '../streams/ledger-indexer';
import { StreamReader } from '../streams/stream-reader';

/** 02:00 UTC on 10 November 2025: today is 2025-11-10 everywhere in Indonesia. */
export const NOW = '2025-11-10T02:00:00.000Z';

/**
 * The application layer over a store, without Nest: the generic handler, the people directory and the
 * death-spread reactor, as the app module wires them. Test helper, not part of the public API.
 */
export function applicationOver(store: EventStore = new InMemoryEventStore(LEDGER_INDEXER), metrics?: CommandMetrics) {
  const ids = { newId: () => randomUUID() };
  const clock = { now: () => NOW };
  const reader = new StreamReader(store, 1_000_000);
  const published: number[] = [];
  const bus = { publish: (event: { position: number }) => published.push(event.position) } as unknown as EventBus;
  const integrity = new LedgerIntegrity();
  const handler = new StreamCommandHandler(store, clock, ids, reader, bus, integrity, metrics);
  const people = new PeopleDirectory(store, reader);
  const deathSpread = new DeathSpreadReactor(people);
  return {
    store,
    reader,
    handler,
    integrity,
    people,
    deathSpread,
    published,
    /** A reactor runner over the same store, as a restarted process would have. */
    deathSpreadRunner: () => new ReactorRunner(deathSpread, store, handler, people, ids),
    send: (agreementId: string, command: AgreementCommand, context: Partial<CommandContext> = {}) =>
      handler.handle(agreementCommand(agreementId, command, people), contextOf(context)),
  };
}

export function contextOf(overrides: Partial<CommandContext> = {}): CommandContext {
  const commandId = randomUUID();
  return { commandId, actor: 'officer@bpjs-sumba', correlationId: commandId, causationId: commandId, ...overrides };
}

/** Every event of the store, every stream, in order. */
export async function everything(store: EventStore): Promise<RecordedEvent[]> {
  return store.readAll({ after: 0, limit: 1_000_000 });
}

/** A store that keeps the types of the events each of its stream reads returned, one list a read. */
export function recordingReads(inner: EventStore = new InMemoryEventStore(LEDGER_INDEXER)) {
  const read: string[][] = [];
  return Object.assign(Object.create(inner) as EventStore, {
    read,
    readStream: async (...args: Parameters<EventStore['readStream']>) => {
      const events = await inner.readStream(...args);
      read.push(events.map((event) => event.type));
      return events;
    },
  });
}
