import { ErrorType, type CurrentRevision } from '@eventstore/db-client';
import {
  AppendTooLargeError,
  IdempotencyKeyBusyError,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '../event-store.errors';
import type { ExpectedVersion } from '../event-store.port';
import { versionOfCurrentRevision } from './revisions';

/**
 * The client's errors, translated to the port's. They are recognised by their `type` (the client's ErrorType),
 * not by `instanceof`, so that an error from another copy of the client (or a test double) maps the same way.
 */

/** EventStoreDB could not be reached or did not answer in time. For an append, the outcome is unknown. */
export class EventStoreDbUnavailableError extends StoreUnavailableError {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'EventStoreDbUnavailableError';
  }
}

export { IdempotencyKeyBusyError };

const UNAVAILABLE: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/**
 * A node refusing an append because it is starting, electing or overloaded. The server says so only in the text
 * of a batch-append error ("Server Is Not Ready", "Server Is Busy"; reads get UNAVAILABLE, "Server Is Too
 * Busy"), which the client turns into an unknown error "Could not recognize <text>".
 */
const NOT_HANDLED = /Server Is (Not Ready|Busy|Too Busy)/;
/** The client's own error when gossip named no usable node (a plain Error, without a type). */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts/;

export function errorType(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

export function isWrongExpectedVersion(error: unknown): error is { actualVersion: CurrentRevision } {
  return errorType(error) === ErrorType.WRONG_EXPECTED_VERSION;
}

export function isStreamNotFound(error: unknown): boolean {
  return errorType(error) === ErrorType.STREAM_NOT_FOUND;
}

/** The node asked is not the leader (the client reconnects to the one it names for the next call). */
export function isNotLeader(error: unknown): boolean {
  const cause = error instanceof EventStoreDbUnavailableError ? error.cause : error;
  return errorType(cause) === ErrorType.NOT_LEADER;
}

/** Gossip named no node to connect to: the client keeps failing until it is replaced (see client.ts). */
export function isDiscoveryFailure(error: unknown): boolean {
  const cause = error instanceof EventStoreDbUnavailableError ? error.cause : error;
  return cause instanceof Error && errorType(cause) === undefined && DISCOVERY_FAILED.test(cause.message);
}

/** The port's error for a failed append to `streamId` (a port stream id) expected at `expected`. */
export function mapAppendError(error: unknown, streamId: string, expected: ExpectedVersion): Error {
  if (isWrongExpectedVersion(error)) {
    return new WrongExpectedVersionError(streamId, expected, versionOfCurrentRevision(error.actualVersion));
  }
  if (errorType(error) === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED) {
    const max = (error as { maxAppendSize?: number }).maxAppendSize ?? 0;
    return new AppendTooLargeError(streamId, undefined, max);
  }
  if (isUnavailable(error)) {
    return new EventStoreDbUnavailableError(
      `EventStoreDB did not confirm the append to ${streamId}; it may or may not have been written ` +
        `(a retry with the same Idempotency-Key resolves it): ${messageOf(error)}`,
      { cause: error },
    );
  }
  return mapError(error, `append to ${streamId}`);
}

/** The port's error for any other failed call. */
export function mapError(error: unknown, what: string): Error {
  if (isUnavailable(error)) {
    return new EventStoreDbUnavailableError(`EventStoreDB is unavailable (${what}): ${messageOf(error)}`, {
      cause: error,
    });
  }
  const type = errorType(error);
  if (type === ErrorType.ACCESS_DENIED) {
    return new Error(
      `EventStoreDB denied ${what}: the connection string's user needs read access to $all and write access to the ledger's streams`,
      { cause: error },
    );
  }
  if (type === ErrorType.STREAM_DELETED) {
    return new Error(`EventStoreDB stream deleted (${what}): ledger streams must never be deleted`, { cause: error });
  }
  return error instanceof Error ? error : new Error(`EventStoreDB ${what} failed: ${messageOf(error)}`);
}

function isUnavailable(error: unknown): boolean {
  const type = errorType(error);
  if (type !== undefined && UNAVAILABLE.has(type)) return true;
  if (type === ErrorType.UNKNOWN) return NOT_HANDLED.test(messageOf(error));
  return isDiscoveryFailure(error);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
