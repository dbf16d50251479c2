import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { errorMessage } from '@pks/event-store';
import { SqliteEventStore } from '@pks/event-store/adapters';
import {
  LIVE,
  openReadModelDatabase,
  ProjectionRunner,
  READ_MODELS,
  SharedSlots,
  type FromThread,
  type ProjectionThreadData,
  type ToThread,
} from '@pks/projections';

/** How long a notification waits for others to join it (as on the service's loop). */
const NOTIFY_DELAY_MS = 2;

/**
 * The projection runner's own thread (see ThreadedProjectionRunner): it reads the store through a read-only
 * connection and writes the generation's file through its own; the service's event loop keeps the requests.
 */
class ProjectionThread {
  private readonly slots: BigInt64Array;
  private readonly store: SqliteEventStore;
  private readonly db: Database.Database;
  private readonly runner: ProjectionRunner;
  private readonly timer: NodeJS.Timeout;
  private notified: NodeJS.Timeout | null = null;

  constructor(
    data: ProjectionThreadData,
    private readonly port: MessagePort,
  ) {
    this.slots = new BigInt64Array(data.shared);
    // However the thread ends (closed, an uncaught error, out of memory), a halt waiting for it stops waiting.
    process.once('exit', () => this.closed());
    this.store = new SqliteEventStore({ path: data.storePath, readOnly: true });
    this.db = openReadModelDatabase(data.readModelPath);
    const projections = READ_MODELS.map((model) => model.bind(this.db, LIVE));
    const slicing = { ...data.slicing, haltRequested: () => Atomics.load(this.slots, SharedSlots.halt) === 1n };
    this.runner = new ProjectionRunner(this.db, this.store, projections, (p) => this.publish(p), slicing);
    this.publish(this.runner.appliedPosition());
    this.runner.whenCorrupt((error) =>
      this.send({ type: 'corrupt', message: errorMessage(error), code: codeOf(error) }),
    );
    this.runner.whenStoreChanged((reason) => this.send({ type: 'store-changed', reason }));
    this.timer = setInterval(() => void this.pass(), data.pollMs);
    port.on('message', (message: ToThread) => this.handle(message));
    this.send({ type: 'started' });
    void this.pass();
  }

  private handle(message: ToThread): void {
    switch (message.type) {
      case 'notify':
        this.notified ??= setTimeout(() => {
          this.notified = null;
          void this.pass();
        }, NOTIFY_DELAY_MS);
        return;
      case 'catch-up':
        this.runner.catchUp().then(
          () => this.send({ type: 'caught-up', id: message.id, error: null }),
          (error: unknown) => this.send({ type: 'caught-up', id: message.id, error: errorMessage(error) }),
        );
        return;
      case 'close':
        return this.close();
    }
  }

  /**
   * Stored after each commit: the service reads it for read-your-writes without waiting for a message. The heap
   * goes first, so that whoever sees the position sees the heap of that commit or a later one.
   */
  private publish(position: number): void {
    this.publishHeap();
    Atomics.store(this.slots, SharedSlots.appliedPosition, BigInt(position));
  }

  /** The thread's heap, for the service's gauges (see SharedSlots): after each commit and each pass. */
  private publishHeap(): void {
    const heap = getHeapStatistics();
    Atomics.store(this.slots, SharedSlots.heapUsed, BigInt(heap.used_heap_size));
    Atomics.store(this.slots, SharedSlots.heapTotal, BigInt(heap.total_heap_size));
  }

  private pass(): Promise<void> {
    return this.runner.catchUp().then(
      () => this.passed(null),
      (error: unknown) => this.passed(errorMessage(error)),
    );
  }

  private passed(error: string | null): void {
    this.publishHeap();
    this.send({ type: 'pass', error });
  }

  /** Nothing is written once this returns: the service, waiting on `closed`, may then move the files. */
  private close(): void {
    clearInterval(this.timer);
    if (this.notified) clearTimeout(this.notified);
    this.runner.halt();
    try {
      this.db.close();
    } finally {
      void this.store.close().catch(() => undefined);
      this.closed();
      this.port.close();
    }
  }

  private closed(): void {
    Atomics.store(this.slots, SharedSlots.closed, 1n);
    Atomics.notify(this.slots, SharedSlots.closed);
  }

  private send(message: FromThread): void {
    this.port.postMessage(message);
  }
}

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

if (parentPort) {
  try {
    new ProjectionThread(workerData as ProjectionThreadData, parentPort);
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: errorMessage(error), code: codeOf(error) } satisfies FromThread);
    // Ends the thread (not the service): its error is the message above, which a rethrow would replace by a
    // clone without its message (a SqliteError does not cross threads whole).
    process.exit(1);
  }
}
