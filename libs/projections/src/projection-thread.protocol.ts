import type { RunnerSlicing } from './projection-runner';

/** What the thread is started with. */
export interface ProjectionThreadData {
  /** The generation's file; the service created it (and its tables) before starting the thread. */
  readonly readModelPath: string;
  /** The event store's file, read through a read-only connection. */
  readonly storePath: string;
  readonly slicing: RunnerSlicing;
  readonly pollMs: number;
  /** Shared with the service, see {@link SharedSlots}. */
  readonly shared: SharedArrayBuffer;
}

/**
 * Slots of the shared buffer. The applied position is stored after each commit, so that the service reads it
 * without waiting for a message (read your writes); `halt` is set by the service and read by the runner before
 * each read and slice (a message would wait until a backlog is drained); `closed` is set once the thread's
 * connections are closed (or the thread ends), which `halt()` waits for before the files may be moved;
 * `heapUsed` and `heapTotal` are the thread's V8 heap in bytes after its last pass (0 before the first), for
 * operators: the thread's memory is part of the service's and no other gauge shows it.
 */
export const SharedSlots = { appliedPosition: 0, closed: 1, halt: 2, heapUsed: 3, heapTotal: 4, size: 5 } as const;

export type ToThread =
  { readonly type: 'notify' } | { readonly type: 'catch-up'; readonly id: number } | { readonly type: 'close' };

export type FromThread =
  /** The thread has opened its connections and is about to apply what the store holds. */
  | { readonly type: 'started' }
  | { readonly type: 'caught-up'; readonly id: number; readonly error: string | null }
  /** After every pass: its error, null when it succeeded. */
  | { readonly type: 'pass'; readonly error: string | null }
  | { readonly type: 'corrupt'; readonly message: string; readonly code: string | null }
  | { readonly type: 'store-changed'; readonly reason: string }
  /** The thread could not open its connections (its error's SQLite code, for damage). */
  | { readonly type: 'failed'; readonly message: string; readonly code: string | null };
