import type Database from 'better-sqlite3';
import type { EventStore } from '@pks/event-store';
import { AgreementsProjection } from './agreements.projection';
import { BenefitsProjection } from './benefits.projection';
import { CoverageProjection } from './coverage.projection';
import { ProjectionRunner, type BatchListener } from './projection-runner';
import { openReadModelDatabase } from './read-model-database';

const REBUILD_BATCH = 5_000;

/** One generation of the read models: a database, the projections writing it, and the runner feeding them. */
export class ReadModels {
  readonly agreements = new AgreementsProjection();
  readonly coverage = new CoverageProjection();
  readonly benefits = new BenefitsProjection();
  readonly runner: ProjectionRunner;

  constructor(
    readonly db: Database.Database,
    store: EventStore,
    onBatch?: BatchListener,
    batchSize?: number,
  ) {
    this.runner = new ProjectionRunner(db, store, [this.agreements, this.coverage, this.benefits], onBatch, batchSize);
  }

  /** @throws the driver's error (SQLITE_CORRUPT, SQLITE_NOTADB for a damaged file), with no connection left open. */
  static open(path: string, store: EventStore, onBatch?: BatchListener): ReadModels {
    return withDatabase(openReadModelDatabase(path), (db) => new ReadModels(db, store, onBatch));
  }

  /** A generation being rebuilt: bulk-load settings and larger batches. */
  static openForRebuild(path: string, store: EventStore, onBatch: BatchListener): ReadModels {
    const db = openReadModelDatabase(path, { bulk: true });
    return withDatabase(db, () => new ReadModels(db, store, onBatch, REBUILD_BATCH));
  }

  async close(): Promise<void> {
    await this.runner.stop();
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
