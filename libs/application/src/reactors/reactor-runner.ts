import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@pks/event-store';
import type { CommandContext } from '../command-context';
import { agreementCommand } from '../commands/agreement-command';
import type { StreamCommandHandler } from '../commands/stream-command-handler';
import type { PeopleDirectory } from '../people/people-directory';
import type { IdGenerator } from '../ports/clock.port';
import type { Reactor } from './reactor';

const PAGE = 500;

/**
 * How long a checkpoint that only moved past events calling for no command may wait before it is saved. Saving
 * is a write transaction of its own, an fsync at synchronous=FULL: after every pass it cost the request loop 4%
 * of its time under load (issue 14). A crash meanwhile repeats reading those events, which is all they need.
 */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/** Where a reactor stands: for health and the operator. */
export interface ReactorStatus {
  readonly name: string;
  readonly position: number;
  readonly lastError: string | null;
}

/**
 * Feeds one reactor: reads the feed after its checkpoint, sends the commands each event calls for, and saves
 * the checkpoint after each page that sent commands; past pages that sent none, within CHECKPOINT_INTERVAL_MS
 * and on stop. A crash repeats at most a page with commands, which change nothing the second time, and what
 * was read since the last save. An event whose commands fail stops the reactor there (nothing is skipped); it
 * tries again at the next pass and reports the error meanwhile.
 */
export class ReactorRunner {
  private readonly logger: Logger;
  private position = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  /** The position last saved, and when. */
  private saved = { position: 0, at: 0 };
  private saveTimer: NodeJS.Timeout | null = null;

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
    await this.saveCheckpoint().catch((error: unknown) => this.report(error));
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
      // Another process following the same store may have gone further.
      this.position = Math.max(this.position, await this.store.readCheckpoint(this.reactor.name));
      do {
        this.again = false;
        for (let more = true; more;) more = await this.nextPage();
      } while (this.again);
      this.lastError = null;
      this.saveSoon();
    } catch (error) {
      this.report(error);
    }
  }

  private async saveCheckpoint(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const position = this.position;
    if (position <= this.saved.position) return;
    await this.store.saveCheckpoint(this.reactor.name, position);
    this.saved = { position, at: Date.now() };
  }

  /** Saves a position left unsaved by the last pass once the interval is over, if no pass did meanwhile. */
  private saveSoon(): void {
    if (this.position <= this.saved.position || this.saveTimer) return;
    const wait = Math.max(0, CHECKPOINT_INTERVAL_MS - (Date.now() - this.saved.at));
    this.saveTimer = setTimeout(() => void this.saveCheckpoint().catch((error: unknown) => this.report(error)), wait);
    this.saveTimer.unref();
  }

  private report(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.logger.warn(`stopped after position ${this.position}, will try again: ${this.lastError}`);
  }

  /**
   * Reads the next page of the events the reactor reacts to and sends their commands. @returns whether more may
   * follow. The store passes over the other events without decoding them (a 1,000-member enrolment is 100 KB of
   * JSON): a read of fewer than a page passed over everything committed before it ran, so the position moves to
   * the head read before it.
   */
  private async nextPage(): Promise<boolean> {
    const head = await this.store.headPosition();
    const page = await this.store.readTypes({ after: this.position, limit: PAGE, types: this.reactor.types });
    let commands = 0;
    for (const event of page) commands += await this.react(event);
    const full = page.length === PAGE;
    const reached = full ? page[PAGE - 1].position : Math.max(head, page.at(-1)?.position ?? 0);
    if (reached <= this.position) return false;
    this.position = reached;
    if (commands > 0 || Date.now() - this.saved.at >= CHECKPOINT_INTERVAL_MS) await this.saveCheckpoint();
    // The commands appended events of their own: read on past them.
    return full || commands > 0;
  }

  /** @returns how many commands the event called for (all sent). */
  private async react(event: RecordedEvent): Promise<number> {
    const commands = await this.reactor.commandsFor(event);
    for (const { agreementId, command } of commands) {
      await this.commands.handle(agreementCommand(agreementId, command, this.people), this.contextOf(event));
    }
    return commands.length;
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
