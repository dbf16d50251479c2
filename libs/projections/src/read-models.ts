import type Database from 'better-sqlite3';
import type { EventStore } from '@pks/event-store';
import type { FeedRunner } from './feed-runner';
import { ProjectionRunner, type BatchListener, type RunnerSlicing } from './projection-runner';
import { ThreadedProjectionRunner, type ProjectionThreadOptions } from './threaded-projection-runner';
import { LIVE, type LoadMode, type Projection, type RegisteredReadModel } from './read-model';
import { READ_MODELS } from './read-model.registry';
import { openReadModelDatabase, openReadModelReader } from './read-model-database';

const REBUILD_BATCH = 5_000;

/** One generation of the read models: a database, every registered read model on it, and the runner feeding them. */
export class ReadModels {
  readonly runner: FeedRunner;
  readonly projections: readonly Projection[];
  /**
   * The connection queries read from: read-only, on the same file (the runner's own connection for a database
   * in memory, and while bulk loading, when nobody queries).
   */
  readonly reads: Database.Database;

  constructor(
    readonly db: Database.Database,
    store: EventStore,
    onBatch?: BatchListener,
    slicing?: RunnerSlicing,
    readonly registered: readonly RegisteredReadModel[] = READ_MODELS,
    private readonly mode: LoadMode = LIVE,
    thread?: ProjectionThreadOptions,
  ) {
    this.projections = registered.map((model) => model.bind(db, mode));
    this.runner =
      thread && !db.memory
        ? new ThreadedProjectionRunner(
            db,
            db.name,
            thread,
            store,
            this.projections.map((p) => p.name),
            slicing,
          )
        : new ProjectionRunner(db, store, this.projections, onBatch, slicing);
    this.reads = db.memory || mode.bulk ? db : openReadModelReader(db.name);
  }

  /** @throws the driver's error (SQLITE_CORRUPT, SQLITE_NOTADB for a damaged file), with no connection left open. */
  /** With `thread`, the runner applies the feed in a thread of its own (a file's read models only). */
  static open(
    path: string,
    store: EventStore,
    onBatch?: BatchListener,
    slicing?: RunnerSlicing,
    thread?: ProjectionThreadOptions,
  ): ReadModels {
    return withDatabase(
      openReadModelDatabase(path),
      (db) => new ReadModels(db, store, onBatch, slicing, READ_MODELS, LIVE, thread),
    );
  }

  /** A generation being rebuilt: bulk-load settings and larger batches. */
  static openForRebuild(path: string, store: EventStore, onBatch: BatchListener): ReadModels {
    const db = openReadModelDatabase(path, { bulk: true });
    return withDatabase(
      db,
      () => new ReadModels(db, store, onBatch, { batchSize: REBUILD_BATCH }, READ_MODELS, { bulk: true }),
    );
  }

  /** Ends a bulk load once it has caught up: each read model's deferred work, in one transaction. */
  finishBulkLoad(): void {
    if (!this.mode.bulk) return;
    this.db.transaction(() => {
      for (const projection of this.projections) projection.finishBulkLoad();
    })();
  }

  /** Each registered read model with what it handles and the position it has applied. */
  status() {
    const positions = this.runner.checkpoints();
    return this.registered.map((model) => ({
      name: model.name,
      appliedPosition: positions.get(model.name) ?? 0,
      handles: model.handledTypes,
      ignores: model.ignoredTypes,
    }));
  }

  async close(): Promise<void> {
    await this.runner.stop();
    this.closeConnections();
  }

  /** Closes both connections at once, a pass under way or not (for a damaged file about to be moved). */
  closeConnections(): void {
    if (this.reads !== this.db) this.reads.close();
    this.db.close();
  }
}

function withDatabase(db: Database.Database, create: (db: Database.Database) => ReadModels): ReadModels {
  try {
    return create(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
