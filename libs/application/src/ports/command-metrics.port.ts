/**
 * How a command ended, as operators count them: `appended` (events written), `unchanged` (accepted, nothing to
 * record), `replayed` (an Idempotency-Key answered from its first outcome), `refused` (a rule or a precondition
 * said no: a stable code) or `failed` (the store or something unforeseen).
 */
export type CommandOutcome = 'appended' | 'unchanged' | 'replayed' | 'refused' | 'failed';

/** One command as the generic handler ran it. */
export interface CommandObservation {
  /** The command's type (`SignAgreement`, `RecordMemberDeath`...). */
  readonly type: string;
  readonly outcome: CommandOutcome;
  /** The refusal's stable code, or the failure's error name. */
  readonly code?: string;
  readonly seconds: number;
}

/**
 * Where the generic command handler reports what it did, for the service's metrics. A port, so that the
 * application layer knows no metrics library; the CLI and the tests run without one.
 */
export interface CommandMetrics {
  commandHandled(observation: CommandObservation): void;
  /** One append to the event store (accepted or refused by it), its duration and the events it carried. */
  appendFinished(seconds: number, events: number, accepted: boolean): void;
}
export const COMMAND_METRICS = Symbol('COMMAND_METRICS');

export const NO_COMMAND_METRICS: CommandMetrics = {
  commandHandled: () => undefined,
  appendFinished: () => undefined,
};
