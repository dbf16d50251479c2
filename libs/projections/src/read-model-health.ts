import type { RunnerSlicing } from './projection-runner';
import type { ProjectionThreadOptions } from './threaded-projection-runner';

/**
 * A generation replaced by a fresh one rebuilt from the events: found damaged (moved aside for forensics), or
 * following a store that is no longer the one it applied (a restored older copy, another file: removed).
 */
export interface SetAsideGeneration {
  readonly generation: number;
  readonly cause: 'damaged' | 'store-changed';
  /** Where the damaged file now is, kept for forensics; null when it was removed (the store changed). */
  readonly setAsideAs: string | null;
  readonly reason: string;
  readonly at: string;
  /** The fresh generation answers once it has applied this position (the store's head when it was set aside). */
  readonly targetPosition: number | null;
}

/**
 * What the read side is doing: `live` (answering), `stalled` (its last pass failed: a full or failing disk, an
 * unreachable store; it answers what it holds and retries), `rebuilding` (a damaged generation was set aside;
 * queries are refused until the fresh one has caught up).
 */
export interface ReadSideHealth {
  readonly state: 'live' | 'stalled' | 'rebuilding';
  readonly generation: number;
  readonly appliedPosition: number;
  /** Events committed to the store and not applied yet (when the store's head is known). */
  readonly lag?: number;
  readonly lastError: string | null;
  /** While rebuilding: the generation set aside and the position the fresh one must reach. */
  readonly rebuild?: SetAsideGeneration;
  /** The last generation set aside since the service started, once rebuilt too. */
  readonly lastSetAside?: SetAsideGeneration;
}

/** A query reached read models that are being rebuilt (after damage, or for a changed store); retry once caught up. */
export class ReadModelsRebuildingError extends Error {
  constructor(
    readonly appliedPosition: number,
    readonly targetPosition: number | null,
  ) {
    super(`the read models are being rebuilt from the events: applied ${appliedPosition} of ${targetPosition ?? '?'}`);
    this.name = 'ReadModelsRebuildingError';
  }
}

export interface ReadModelHostOptions {
  /** Where the host reports what it did to the files (a damaged generation set aside, rebuilt). */
  readonly log?: (level: 'log' | 'error', message: string) => void;
  /** How the live runner cuts the feed into transactions (a service bounds them in time). */
  readonly slicing?: RunnerSlicing;
  /** Apply the feed in a thread of its own (see ThreadedProjectionRunner); on the service's loop without. */
  readonly thread?: ProjectionThreadOptions;
}
