import { StoreInconsistencyError, StoreUnavailableError } from './event-store.errors';
import type { StreamRow } from './sqlite.statements';
import { errorMessage, sqliteCode, storageFailure } from './storage-errors';

/**
 * The port's error for a SQLite failure: a full, failing or locked disk is StoreUnavailableError (retry later),
 * a damaged file StoreInconsistencyError (an operator must look). Any other error is returned unchanged.
 */
export function toStoreError(error: unknown): unknown {
  const failure = storageFailure(error);
  if (failure === 'unavailable') {
    return new StoreUnavailableError(`the event store's storage failed: ${describe(error)}`, { cause: error });
  }
  if (failure === 'corrupt') {
    const message = `the event store file is damaged: ${describe(error)}`;
    return new StoreInconsistencyError(message, { damage: 'file' }, { cause: error });
  }
  return error;
}

/**
 * Refuses an append to a stream whose version row (`streams`) disagrees with its last event: the version check
 * would otherwise refuse every append as a lost race, forever, and a retry loop would spin on it.
 */
export function assertStreamConsistent(
  streamId: string,
  row: StreamRow | undefined,
  last: { readonly version: number; readonly hash: string } | undefined,
): void {
  const versionRow = row?.version ?? 0;
  const lastEventVersion = last?.version ?? 0;
  const hashesAgree = (row?.last_hash ?? null) === (last?.hash ?? null);
  if (versionRow === lastEventVersion && hashesAgree) return;
  throw new StoreInconsistencyError(
    `stream ${streamId}: its version row says ${versionRow} and its events end at version ${lastEventVersion}` +
      (hashesAgree ? '' : ', with another last hash'),
    { streamId, versionRow, lastEventVersion, lastHashAgrees: hashesAgree },
  );
}

function describe(error: unknown): string {
  return `${errorMessage(error)} (${sqliteCode(error)})`;
}
