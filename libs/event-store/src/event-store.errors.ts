import type { ExpectedVersion, IndexHit } from './event-store.port';

/** The stream was not at the expected version: another writer appended first. Nothing was written. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** The Idempotency-Key was recorded by an earlier append. Nothing was written. */
export class IdempotencyKeyTakenError extends Error {
  constructor(readonly key: string) {
    super(`idempotency key ${key} is already recorded`);
    this.name = 'IdempotencyKeyTakenError';
  }
}

/** The store could not be reached or did not answer in time. For an append, the outcome is unknown: retry it. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * An Idempotency-Key is held by an append to another stream whose outcome is not known yet (its writer is in
 * flight, or crashed between claiming the key and appending). Retry later.
 */
export class IdempotencyKeyBusyError extends Error {
  constructor(
    readonly key: string,
    readonly claimedStreamId: string,
  ) {
    super(`idempotency key ${key} is held by an unresolved append to ${claimedStreamId}; retry later`);
    this.name = 'IdempotencyKeyBusyError';
  }
}

/** A unique index key of the append is already held by another event. Nothing was written. */
export class UniqueKeyTakenError extends Error {
  constructor(
    readonly key: string,
    readonly holder: IndexHit,
  ) {
    super(`index key ${key} is already held by ${holder.streamId} version ${holder.version}`);
    this.name = 'UniqueKeyTakenError';
  }
}

/** An event holding a key of the append's condition was committed after the position it names. Nothing was written. */
export class AppendConditionFailedError extends Error {
  constructor(readonly hit: IndexHit) {
    super(`index key ${hit.key} was given to ${hit.streamId} version ${hit.version} after the decision read it`);
    this.name = 'AppendConditionFailedError';
  }
}

/**
 * The store's own records contradict each other: a stream's version row disagrees with its last event, or the
 * file holding the events is damaged. Nothing was written. Retrying cannot help: the ledger needs an operator
 * (`verify` names what is wrong).
 */
export class StoreInconsistencyError extends Error {
  constructor(
    message: string,
    /** What was found, safe to show to a client: the stream and the versions that disagree, or the damage. */
    readonly details: Readonly<Record<string, unknown>>,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'StoreInconsistencyError';
  }
}

/**
 * The append is larger than the store takes in one write (EventStoreDB's MaxAppendSize). Nothing was written; the
 * same request will always be refused: send less per request.
 */
export class AppendTooLargeError extends Error {
  constructor(
    readonly streamId: string,
    /** Size of the append as the store counts it; undefined when the store did not say. */
    readonly sizeBytes: number | undefined,
    readonly limitBytes: number,
  ) {
    super(
      `append to ${streamId} is ${sizeBytes === undefined ? 'larger than' : `${sizeBytes} bytes, over`} the ` +
        `store's limit of ${limitBytes} bytes per append`,
    );
    this.name = 'AppendTooLargeError';
  }
}
