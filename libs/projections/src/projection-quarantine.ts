import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@pks/event-store';

/** An event a projection could not apply: set aside, reported, never retried silently. */
export interface QuarantinedEvent {
  readonly position: number;
  readonly projection: string;
  readonly streamId: string;
  readonly type: string;
  readonly error: string;
}

/** The events set aside in a read-model database, committed with the batch that met them. */
export class ProjectionQuarantine {
  private readonly insert: Database.Statement;
  private readonly list: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS projection_quarantine (
      position INTEGER NOT NULL, projection TEXT NOT NULL, stream_id TEXT NOT NULL, type TEXT NOT NULL,
      error TEXT NOT NULL, PRIMARY KEY (position, projection)) WITHOUT ROWID`);
    this.insert = db.prepare(`INSERT OR REPLACE INTO projection_quarantine
      (position, projection, stream_id, type, error) VALUES (?, ?, ?, ?, ?)`);
    this.list = db.prepare(`SELECT position, projection, stream_id AS streamId, type, error
      FROM projection_quarantine ORDER BY position`);
  }

  record(projection: string, event: RecordedEvent, error: string): void {
    this.insert.run(event.position, projection, event.streamId, event.type, error);
  }

  all(): QuarantinedEvent[] {
    return this.list.all() as QuarantinedEvent[];
  }
}
