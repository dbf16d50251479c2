import type { EventMetadata } from '@pks/event-store';

/** Who issues a command and under which guarantees; filled by the transport (HTTP headers), not by clients' bodies. */
export interface CommandContext {
  readonly commandId: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** If-Match: the command fails with VERSION_CONFLICT unless the agreement stream is at this version. */
  readonly expectedVersion?: number;
  /** A process that issued the command on the actor's behalf, e.g. `reactor:death-spread`. */
  readonly via?: string;
  /** Idempotency-Key and the fingerprint of the request that carries it. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

/** What every successful command answers (API.md): the stream version after the append and its last position. */
export interface CommandResult {
  readonly agreementId: string;
  readonly version: number;
  readonly position: number;
  readonly [extra: string]: unknown;
}

/** The metadata of an event appended by a command accepted at `now`. */
export function eventMetadata(context: CommandContext, now: string, schemaVersion: number): EventMetadata {
  return {
    recordedAt: now,
    actor: context.actor,
    commandId: context.commandId,
    correlationId: context.correlationId,
    causationId: context.causationId,
    schemaVersion,
    ...(context.via === undefined ? {} : { via: context.via }),
  };
}
