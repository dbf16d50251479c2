import {
  errorMessage,
  StoreInconsistencyError,
  StoreUnavailableError,
  verifyChain,
  type EventStore,
  type RecordedEvent,
} from '@pks/event-store';

const PAGE = 5_000;

/** A stream whose history does not hold together: the first version found broken, and why. */
export interface BrokenStream {
  readonly streamId: string;
  readonly result: { readonly ok: false; readonly version: number; readonly reason: string };
}

/**
 * What `verify` found. `intact` (exit 0): every chain and version row holds; `tampered` (exit 1): `broken` names
 * each stream whose history was edited; `could-not-run` (exit 2): the store could not be read to the end (a
 * damaged file, a store that does not answer), so nothing is claimed about the streams it did not reach.
 */
export type VerifyReport =
  | { command: 'verify'; result: 'intact' | 'tampered'; streams: number; events: number; broken: BrokenStream[] }
  | {
      command: 'verify';
      result: 'could-not-run';
      reason: 'damaged-store-file' | 'store-inconsistent' | 'store-unavailable' | 'error';
      message: string;
      eventsRead: number;
    };

export const VERIFY_EXIT_CODES = { intact: 0, tampered: 1, 'could-not-run': 2 } as const;

/** Recomputes every stream's hash chain and compares each stream's version with its last event. */
export async function verifyLedger(openStore: () => EventStore): Promise<VerifyReport> {
  const progress = { events: 0 };
  try {
    const store = openStore();
    const chains = await readChains(store, progress);
    const broken: BrokenStream[] = [];
    for (const [streamId, chain] of chains) {
      const result = verifyChain(chain);
      if (!result.ok) broken.push({ streamId, result });
      else await checkVersionRow(store, streamId, chain, broken);
    }
    const result = broken.length === 0 ? 'intact' : 'tampered';
    return { command: 'verify', result, streams: chains.size, events: progress.events, broken };
  } catch (error) {
    return { command: 'verify', result: 'could-not-run', ...failure(error), eventsRead: progress.events };
  }
}

async function readChains(store: EventStore, progress: { events: number }): Promise<Map<string, RecordedEvent[]>> {
  const chains = new Map<string, RecordedEvent[]>();
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: PAGE });
    if (page.length === 0) return chains;
    for (const event of page) {
      const chain = chains.get(event.streamId);
      if (chain) chain.push(event);
      else chains.set(event.streamId, [event]);
    }
    progress.events += page.length;
    after = page[page.length - 1].position;
  }
}

/** The version the store reports for a stream (what appends are checked against) must be its last event's. */
async function checkVersionRow(store: EventStore, streamId: string, chain: RecordedEvent[], broken: BrokenStream[]) {
  const last = chain[chain.length - 1].version;
  const stored = await store.streamVersion(streamId);
  if (stored === last) return;
  const reason = `the store says the stream is at version ${stored}, its events end at version ${last}`;
  broken.push({ streamId, result: { ok: false, version: Math.min(stored, last) + 1, reason } });
}

function failure(error: unknown): Pick<Extract<VerifyReport, { result: 'could-not-run' }>, 'reason' | 'message'> {
  const message = errorMessage(error);
  if (error instanceof StoreInconsistencyError) {
    return { reason: error.details.damage === 'file' ? 'damaged-store-file' : 'store-inconsistent', message };
  }
  if (error instanceof StoreUnavailableError) return { reason: 'store-unavailable', message };
  return { reason: 'error', message };
}
