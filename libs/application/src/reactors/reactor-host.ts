import { Inject, Injectable } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { StreamCommandHandler } from '../commands/stream-command-handler';
import { EventsAppended } from '../events-appended.event';
import { PeopleDirectory } from '../people/people-directory';
import { ID_GENERATOR, type IdGenerator } from '../ports/clock.port';
import { DeathSpreadReactor } from './death-spread.reactor';
import { ReactorRunner, type ReactorStatus } from './reactor-runner';

/** Runs every reactor of the ledger (today: the death spread), each with its own checkpoint. */
@Injectable()
export class ReactorHost {
  private readonly runners: ReactorRunner[];

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    commands: StreamCommandHandler,
    @Inject(ID_GENERATOR) ids: IdGenerator,
    people: PeopleDirectory,
    deathSpread: DeathSpreadReactor,
  ) {
    this.runners = [deathSpread].map((reactor) => new ReactorRunner(reactor, store, commands, people, ids));
  }

  /** Follows the feed: at once, on every append of this process, and every `pollMs` for other writers. */
  start(pollMs: number): void {
    for (const runner of this.runners) runner.start(pollMs);
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  notify(): void {
    for (const runner of this.runners) runner.notify();
  }

  /** Lets every reactor process what is committed now. */
  async catchUp(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.catchUp()));
  }

  status(): ReactorStatus[] {
    return this.runners.map((runner) => runner.status());
  }
}

/** Wakes the reactors after an append of this process, instead of at their next poll. */
@EventsHandler(EventsAppended)
export class ReactorsNotifier implements IEventHandler<EventsAppended> {
  constructor(private readonly reactors: ReactorHost) {}

  handle(): void {
    this.reactors.notify();
  }
}
