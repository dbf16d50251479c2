import type { AgreementCommand } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';

/** A command a reactor asks for, on one agreement. */
export interface ReactorCommand {
  readonly agreementId: string;
  readonly command: AgreementCommand;
}

/**
 * A process driven by the event feed: for each event, the commands it calls for. Its runner keeps a durable
 * checkpoint and sends the commands through the command handler, at least once: a reactor's commands must
 * change nothing when repeated.
 */
export interface Reactor {
  /** Names its checkpoint in the store. */
  readonly name: string;
  /** The event types it may call for commands on: it is given no other. */
  readonly types: readonly string[];
  commandsFor(event: RecordedEvent): Promise<readonly ReactorCommand[]>;
}
