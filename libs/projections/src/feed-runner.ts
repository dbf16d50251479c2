import type { FeedSubscription } from '@pks/event-store';
import type { QuarantinedEvent } from './projection-quarantine';

/** Told when the runner found its database damaged (SQLITE_CORRUPT, SQLITE_NOTADB): it cannot go on. */
export type CorruptionListener = (error: unknown) => void;

/** Told when the store is no longer the one the read models applied (see StoreFollowing): they must be rebuilt. */
export type StoreChangeListener = (reason: string) => void;

/** The V8 heap of a runner's own thread after its last pass, in bytes. */
export interface ThreadHeap {
  readonly usedBytes: number;
  readonly totalBytes: number;
}

/**
 * What the read side asks of whatever feeds a generation of the read models: a runner on the service's own event
 * loop (ProjectionRunner) or one in a thread of its own (ThreadedProjectionRunner).
 */
export interface FeedRunner {
  /** Global position up to which every read model has applied the feed, committed. */
  appliedPosition(): number;
  /** The error of the last pass, null once a pass succeeded. */
  lastFailure(): string | null;
  /** The position each read model has applied, by name. */
  checkpoints(): ReadonlyMap<string, number>;
  status(): { appliedPosition: number; quarantined: number; lastError: string | null; threadHeap: ThreadHeap | null };
  quarantined(): QuarantinedEvent[];
  /** Keeps applying new events: when notified, and every `pollMs` (for writers in other processes). */
  start(pollMs: number): void;
  /** Resolves once the runner started last has begun applying (a thread must first load and open its files). */
  started(): Promise<void>;
  /** Asks for a catch-up soon; notifications close together share one pass. */
  notify(delayMs?: number): void;
  /** Applies everything committed so far. */
  catchUp(): Promise<void>;
  /** Resolves once the read models have applied `position` (which must be committed already). */
  catchUpTo(position: number): Promise<void>;
  /** Whether the store is still the one these read models follow; null when it is. */
  checkStore(): Promise<string | null>;
  whenStoreChanged(listener: StoreChangeListener): void;
  whenCorrupt(listener: CorruptionListener): void;
  stop(): Promise<void>;
  /**
   * Stops at once: once it returns, nothing more is written to the database by this runner. Returns the push
   * subscription to stop, if any.
   */
  halt(): FeedSubscription | null;
}
