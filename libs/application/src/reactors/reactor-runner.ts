import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@pks/event-store';
import type { CommandContext } from '../command-context';
import { agreementCommand } from '../commands/agreement-command';
import type { StreamCommandHandler } from '../commands/stream-command-handler';
import type { PeopleDirectory } from '../people/people-directory';
import type { IdGenerator } from '../ports/clock.port';
import type { Reactor } from './reactor';

const PAGE = 500;

/** Where a reactor stands: for health and the operator. */
export interface ReactorStatus {
  readonly name: string;
  readonly position: number;
  readonly lastError: string | null;
}

/**
 * Feeds one reactor: reads the feed after its checkpoint, sends the commands each event calls for, and saves
 * the checkpoint after each page. A crash repeats at most a page, whose commands change nothing the second
 * time. An event whose commands fail stops the reactor there (nothing is skipped); it tries again at the next
 * pass and reports the error meanwhile.
 */
export class ReactorRunner {
  private readonly logger: Logger;
  private position = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly reactor: Reactor,
    private readonly store: EventStore,
    private readonly commands: StreamCommandHandler,
    private readonly people: PeopleDirectory,
    private readonly ids: IdGenerator,
  ) {
    this.logger = new Logger(`Reactor ${reactor.name}`);
  }

  start(pollMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.notify(), pollMs);
    this.timer.unref();
    this.notify();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  status(): ReactorStatus {
    return { name: this.reactor.name, position: this.position, lastError: this.lastError };
  }

  /** Asks for a pass soon; passes never overlap. */
  notify(): void {
    void this.catchUp();
  }

  /** Processes everything committed so far (concurrent callers share a pass). */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<void> {
    try {
      this.position = await this.store.readCheckpoint(this.reactor.name);
      do {
        this.again = false;
        for (let page = await this.nextPage(); page.length > 0; page = await this.nextPage()) {
          for (const event of page) await this.react(event);
          this.position = page[page.length - 1].position;
          await this.store.saveCheckpoint(this.reactor.name, this.position);
        }
      } while (this.again);
      this.lastError = null;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.warn(`stopped after position ${this.position}, will try again: ${this.lastError}`);
    }
  }

  private nextPage(): Promise<RecordedEvent[]> {
    return this.store.readAll({ after: this.position, limit: PAGE });
  }

  private async react(event: RecordedEvent): Promise<void> {
    for (const { agreementId, command } of await this.reactor.commandsFor(event)) {
      await this.commands.handle(agreementCommand(agreementId, command, this.people), this.contextOf(event));
    }
  }

  /** Who acted: the person whose command caused the event, in the role they acted in, through this reactor. */
  private contextOf(event: RecordedEvent): CommandContext {
    return {
      commandId: this.ids.newId(),
      actor: event.metadata.actor,
      ...(event.metadata.role === undefined ? {} : { role: event.metadata.role }),
      correlationId: event.metadata.correlationId,
      causationId: event.eventId,
      via: `reactor:${this.reactor.name}`,
    };
  }
}
