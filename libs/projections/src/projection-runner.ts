import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '@pks/event-store';
import type { Projection } from './projection';

const BATCH = 1_000;

/**
 * Applies the store's global feed to the read models. Each batch of events and the checkpoint after it commit in
 * one transaction, so a crash loses or repeats nothing: on restart the runner resumes after the checkpoint.
 */
export class ProjectionRunner {
  private position: number;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly saveCheckpoint: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
  ) {
    for (const projection of projections) projection.setup(db);
    const rows = db.prepare('SELECT name, position FROM projection_checkpoints').all() as { name: string; position: number }[];
    const byName = new Map(rows.map((row) => [row.name, row.position]));
    this.position = Math.min(...projections.map((p) => byName.get(p.name) ?? 0));
    this.saveCheckpoint = db.prepare(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position');
  }

  /** Global position up to which every read model has applied the feed. */
  appliedPosition(): number {
    return this.position;
  }

  /** Applies everything committed so far; concurrent callers share one pass. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves once the read models have applied `position` (which must be committed already). */
  async catchUpTo(position: number): Promise<void> {
    while (this.position < position) {
      const before = this.position;
      await this.catchUp();
      if (this.position === before) return;
    }
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const events = await this.store.readAll({ after: this.position, limit: BATCH });
        if (events.length === 0) break;
        this.applyBatch(events);
      }
    } while (this.again);
  }

  private applyBatch(events: readonly RecordedEvent[]): void {
    const last = events[events.length - 1].position;
    this.db.transaction(() => {
      for (const event of events) for (const projection of this.projections) projection.apply(event);
      for (const projection of this.projections) this.saveCheckpoint.run(projection.name, last);
    })();
    this.position = last;
  }
}
