import {
  NO_STREAM,
  START,
  type AppendExpectedRevision,
  type CurrentRevision,
  type ReadPosition,
  type RecordedEvent as StoredEvent,
} from '@eventstore/db-client';

/**
 * Numbering between the port and EventStoreDB.
 *
 * Versions: the port numbers a stream's events from 1 and says "version 0" for a stream that does not exist;
 * EventStoreDB numbers them from 0 (the revision) and says NO_STREAM. So version = revision + 1, and an
 * expected version 0 is NO_STREAM.
 *
 * Positions: the port's position is the event's commit position in `$all`, a byte offset into EventStoreDB's
 * transaction log. It orders every event of the store (a reader that has seen p has seen everything committed
 * before p) but is not dense: consecutive events differ by their size on disk, and events of other streams
 * (system streams, idempotency records) sit in between. Byte offsets stay below 2^53 (9 PB of log) in any real
 * deployment; past that the conversion throws instead of silently rounding.
 */

/** Port version of an event at `revision`. */
export function versionOfRevision(revision: bigint): number {
  return toSafeNumber(revision + 1n, 'stream revision');
}

/** What the server must find for an append to go ahead, the stream being at port version `version` (0 = absent). */
export function expectedRevisionFor(version: number): AppendExpectedRevision {
  assertVersion(version);
  return version === 0 ? NO_STREAM : BigInt(version - 1);
}

/** Port version of a stream the server reports at `current` (in a WrongExpectedVersion error). */
export function versionOfCurrentRevision(current: CurrentRevision): number {
  return current === NO_STREAM ? 0 : versionOfRevision(current);
}

/** Revision of the event at port version `version` (>= 1), for reads. */
export function revisionOfVersion(version: number): bigint {
  assertVersion(version);
  if (version < 1) throw new Error(`version ${version} has no revision: versions start at 1`);
  return BigInt(version - 1);
}

/** Port position of an event at commit position `commit`. */
export function portPosition(commit: bigint): number {
  return toSafeNumber(commit, '$all commit position');
}

/**
 * Where to start a forward read of `$all` so that the event at `position` is the first one returned (the read is
 * inclusive on EventStoreDB's side; callers drop that event). Position 0 is "before everything".
 * For events appended through the gRPC API the commit and prepare positions are the same log position.
 */
export function readPositionAt(position: number): ReadPosition {
  if (!Number.isSafeInteger(position) || position < 0)
    throw new Error(`position must be a non-negative integer, got ${position}`);
  return position === 0 ? START : { commit: BigInt(position), prepare: BigInt(position) };
}

/**
 * Port position of an event read from a stream or from `$all`: its commit position. The client always fills it
 * (from fields every 22.10+ server sends); the type only allows for its absence.
 */
export function positionOf(event: StoredEvent): number {
  if (!event.position) {
    throw new Error(`@eventstore/db-client returned event ${event.revision} of ${event.streamId} without a position`);
  }
  return portPosition(event.position.commit);
}

function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${what} ${value} cannot be represented exactly as a JavaScript number (limit 2^53 - 1)`);
  }
  return Number(value);
}

function assertVersion(version: number): void {
  if (!Number.isSafeInteger(version) || version < 0)
    throw new Error(`version must be a non-negative integer, got ${version}`);
}
