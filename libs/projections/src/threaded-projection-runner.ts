import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { storageFailure, type EventStore } from '@pks/event-store';
import type { CorruptionListener, FeedRunner, StoreChangeListener, ThreadHeap } from './feed-runner';
import { ProjectionQuarantine, type QuarantinedEvent } from './projection-quarantine';
import { ProjectionThreadCalls } from './projection-thread.calls';
import type { RunnerSlicing } from './projection-runner';
import { committedCheckpoints } from './read-model-database';
import { StoreFollowing } from './store-following';
import { SharedSlots, type FromThread, type ProjectionThreadData, type ToThread } from './projection-thread.protocol';

/** Where the thread's module is and how to load it (chosen by the infrastructure, which picks the store adapter). */
export interface ProjectionThreadOptions {
  /** The module run in the thread (libs/infrastructure's projection-thread.main). */
  readonly entry: string;
  /** The event store's SQLite file. */
  readonly storePath: string;
  /** Node options of the thread (a TypeScript loader when the service runs from sources). */
  readonly execArgv?: readonly string[];
}

/** How long `halt()` waits for the thread to close its connection (one slice and the statement under way). */
const HALT_WAIT_MS = 5_000;
/** Longest wait before starting again a thread that ended by itself (doubling from the poll interval). */
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * A projection runner in a thread of its own, on the service's second core: the thread applies the feed to the
 * generation's file through its own connection (the same slices, checkpoints and quarantine as ProjectionRunner,
 * which it runs); the service answers queries from its read-only connection and reads the applied position from
 * memory the two share, stored after each commit. A damaged file or a changed store found by the thread is
 * reported here as the in-process runner reports it.
 */
export class ThreadedProjectionRunner implements FeedRunner {
  private readonly slots = new BigInt64Array(new SharedArrayBuffer(SharedSlots.size * 8));
  private readonly quarantine: ProjectionQuarantine;
  private readonly following: StoreFollowing;
  private worker: Worker | null = null;
  /** Set by start(), cleared by halt(): a thread that ended otherwise is started again after `pollMs`. */
  private pollMs: number | null = null;
  private restartDelayMs = 0;
  private lastError: string | null = null;
  private corruptionListener: CorruptionListener | null = null;
  private storeChangeListener: StoreChangeListener | null = null;
  /** A notification is on its way for this turn of the loop (see notify). */
  private notifying = false;
  private whenStarted: Promise<void> = Promise.resolve();
  private readonly calls = new ProjectionThreadCalls();

  constructor(
    private readonly db: Database.Database,
    private readonly readModelPath: string,
    private readonly thread: ProjectionThreadOptions,
    store: EventStore,
    private readonly names: readonly string[],
    private readonly slicing: RunnerSlicing = {},
  ) {
    this.quarantine = new ProjectionQuarantine(db);
    this.following = new StoreFollowing(db, store);
    Atomics.store(this.slots, SharedSlots.appliedPosition, BigInt(this.committedPosition()));
  }

  appliedPosition(): number {
    return Number(Atomics.load(this.slots, SharedSlots.appliedPosition));
  }

  lastFailure(): string | null {
    return this.lastError;
  }

  checkpoints(): ReadonlyMap<string, number> {
    return committedCheckpoints(this.db, this.names);
  }

  status() {
    return {
      appliedPosition: this.appliedPosition(),
      quarantined: this.quarantined().length,
      lastError: this.lastError,
      threadHeap: this.threadHeap(),
    };
  }

  /** The thread's heap after its last pass; null before the first. */
  private threadHeap(): ThreadHeap | null {
    const totalBytes = Number(Atomics.load(this.slots, SharedSlots.heapTotal));
    if (totalBytes === 0) return null;
    return { usedBytes: Number(Atomics.load(this.slots, SharedSlots.heapUsed)), totalBytes };
  }

  quarantined(): QuarantinedEvent[] {
    return this.quarantine.all();
  }

  start(pollMs: number): void {
    if (this.worker) return;
    this.pollMs = pollMs;
    Atomics.store(this.slots, SharedSlots.closed, 0n);
    Atomics.store(this.slots, SharedSlots.halt, 0n);
    const workerData: ProjectionThreadData = {
      readModelPath: this.readModelPath,
      storePath: this.thread.storePath,
      slicing: this.slicing,
      pollMs,
      shared: this.slots.buffer as SharedArrayBuffer,
    };
    const execArgv = [...(this.thread.execArgv ?? [])];
    const worker = new Worker(this.thread.entry, { workerData, execArgv });
    this.worker = worker;
    this.whenStarted = new Promise<void>((resolve, reject) => {
      // Messages of a thread halted or replaced since are not this runner's any more.
      worker.on('message', (message: FromThread) => this.worker === worker && this.received(message, resolve));
      worker.once('exit', (code) => reject(new Error(`the projection thread stopped (exit code ${code})`)));
    });
    this.whenStarted.catch(() => undefined);
    worker.on('error', (error) => this.worker === worker && this.failed(error.message));
    worker.on('exit', (code) => this.exited(worker, code));
  }

  started(): Promise<void> {
    return this.whenStarted;
  }

  /**
   * Tells the thread that events were appended. The appends of one group commit are answered in one turn of the
   * loop and each notifies: they go to the thread as one message at the end of that turn (a message a payment
   * was 1.7% of the service's loop under load, and woke the thread each time).
   */
  notify(): void {
    if (this.notifying) return;
    this.notifying = true;
    setImmediate(() => {
      this.notifying = false;
      this.send({ type: 'notify' });
    });
  }

  catchUp(): Promise<void> {
    if (!this.worker) return Promise.reject(new Error('the projection thread is not running'));
    // A caller waiting for the thread keeps the process alive until it is answered (as a pass on the loop would).
    this.worker.ref();
    const { id, answer } = this.calls.add();
    this.send({ type: 'catch-up', id });
    return answer;
  }

  async catchUpTo(position: number): Promise<void> {
    while (this.appliedPosition() < position) {
      const before = this.appliedPosition();
      await this.catchUp();
      if (this.appliedPosition() === before) return;
    }
  }

  /** Asked on the service's own connections, before the thread starts (by the host, as for the in-process runner). */
  checkStore(): Promise<string | null> {
    return this.following.check(this.appliedPosition());
  }

  whenStoreChanged(listener: StoreChangeListener): void {
    this.storeChangeListener = listener;
  }

  whenCorrupt(listener: CorruptionListener): void {
    this.corruptionListener = listener;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.pollMs = null; // a thread that just ended is not started again
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    this.halt();
    await exited;
  }

  /**
   * Asks the thread to stop (it sees the request before its next read or slice), then waits, bounded, until it
   * has closed its connections: the caller may then move the files.
   */
  halt(): null {
    const worker = this.worker;
    this.pollMs = null;
    if (!worker) return null;
    this.worker = null;
    Atomics.store(this.slots, SharedSlots.halt, 1n);
    worker.postMessage({ type: 'close' } satisfies ToThread);
    const waited = Atomics.wait(this.slots, SharedSlots.closed, 0n, HALT_WAIT_MS);
    if (waited === 'timed-out') this.lastError = `the projection thread did not close within ${HALT_WAIT_MS} ms`;
    this.calls.failAll('the projection thread was halted');
    void worker.terminate();
    return null;
  }

  /** A thread that ended by itself (it threw, it could not open its files) is reported, then started again. */
  private exited(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.calls.failAll('the projection thread stopped');
    this.lastError ??= `the projection thread stopped (exit code ${code})`;
    const pollMs = this.pollMs;
    if (pollMs === null) return;
    this.restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, Math.max(pollMs, this.restartDelayMs * 2));
    setTimeout(() => this.pollMs === pollMs && this.start(pollMs), this.restartDelayMs).unref();
  }

  private committedPosition(): number {
    return Math.min(...this.checkpoints().values());
  }

  private send(message: ToThread): void {
    this.worker?.postMessage(message);
  }

  private received(message: FromThread, started: () => void): void {
    switch (message.type) {
      case 'started':
        // Held until then: a service still starting may have nothing else keeping its process alive.
        if (this.calls.size === 0) this.worker?.unref();
        this.restartDelayMs = 0;
        this.lastError = null; // a failed start is over; the new thread's passes report their own

        return started();
      case 'pass':
        this.lastError = message.error;
        return;
      case 'caught-up':
        return this.answered(message.id, message.error);
      case 'corrupt':
        return this.corrupt(message.message, message.code);
      case 'store-changed':
        this.lastError = message.reason;
        return this.storeChangeListener?.(message.reason);
      case 'failed':
        // Damage found as the thread opened the file is damage: the host sets the generation aside.
        if (storageFailure({ code: message.code }) === 'corrupt') this.corrupt(message.message, message.code);
        return this.failed(message.message);
    }
  }

  private corrupt(message: string, code: string | null): void {
    this.lastError = message;
    this.corruptionListener?.(Object.assign(new Error(message), { code }));
  }

  private answered(id: number, error: string | null): void {
    this.calls.answered(id, error);
    if (this.calls.size === 0) this.worker?.unref();
  }

  private failed(message: string): void {
    this.lastError = `projection thread: ${message}`;
    this.calls.failAll(this.lastError);
  }
}
