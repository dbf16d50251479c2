import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@pks/event-store';

/** A read model: its tables and how one event changes them. `apply` runs inside the runner's transaction. */
export interface Projection {
  readonly name: string;
  setup(db: Database.Database): void;
  apply(event: RecordedEvent): void;
}
