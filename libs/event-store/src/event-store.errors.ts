import type { ExpectedVersion } from './event-store.port';

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
