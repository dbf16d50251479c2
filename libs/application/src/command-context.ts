import type { EventMetadata } from '@pks/event-store';

/**
 * Who issues a command and under which guarantees; filled by the transport (the bearer token's subject and role,
 * HTTP headers), never by clients' bodies.
 */
export interface CommandContext {
  readonly commandId: string;
  /** The authenticated subject. */
  readonly actor: string;
  /** The role it acts in. */
  readonly role?: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** If-Match: the command fails with VERSION_CONFLICT unless the agreement stream is at this version. */
  readonly expectedVersion?: number;
  /** A process that issued the command on the actor's behalf, e.g. `reactor:death-spread`. */
  readonly via?: string;
  /**
   * Idempotency-Key and the fingerprint of the request that carries it. A key belongs to the actor that used it:
   * the same key sent by another actor is another key.
   */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

/** The key under which an actor's Idempotency-Key is stored: one namespace per actor, unambiguous for any text. */
export function ownedIdempotencyKey(context: CommandContext): string | undefined {
  return context.idempotency === undefined ? undefined : JSON.stringify([context.actor, context.idempotency.key]);
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
    ...(context.role === undefined ? {} : { role: context.role }),
    commandId: context.commandId,
    correlationId: context.correlationId,
    causationId: context.causationId,
    schemaVersion,
    ...(context.via === undefined ? {} : { via: context.via }),
  };
}
