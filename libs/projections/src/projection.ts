import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@pks/event-store';

/**
 * A read model: its tables, how one event changes them, and what to finish before a batch commits. Every
 * method runs inside the runner's transaction, which also commits the checkpoint: a batch applies exactly once.
 */
export interface Projection {
  readonly name: string;
  /** Creates the tables (if absent) and prepares statements on this database. */
  setup(db: Database.Database): void;
  apply(event: RecordedEvent): void;
  /** Work deferred to the end of a batch (e.g. series of the agreements the batch touched). */
  endBatch?(): void;
}
