import type Database from 'better-sqlite3';
import { errorMessage, storageFailure, type RecordedEvent } from '@pks/event-store';
import { applyFed, type FedEvent } from './fed-event';
import { ProjectionQuarantine, type QuarantinedEvent } from './projection-quarantine';
import type { Projection } from './read-model';
import { committedCheckpoints } from './read-model-database';
import type { StoreFollowing } from './store-following';

/**
 * The transactions of a projection runner: a slice of events applied to every read model, then the checkpoints
 * and the record of the store followed, in one transaction. An event that a projection cannot apply is rolled
 * back to its savepoint and quarantined; the others go on.
 */
export class ProjectionSlices {
  /** Position each read model has applied: one added to the registry starts from 0 while the others go on. */
  readonly applied: Map<string, number>;
  private readonly saveCheckpoint: Database.Statement;
  private readonly quarantine: ProjectionQuarantine;
  private readonly applyOne: (projection: Projection, event: FedEvent) => void;

  constructor(
    private readonly db: Database.Database,
    private readonly projections: readonly Projection[],
    private readonly following: StoreFollowing,
  ) {
    this.quarantine = new ProjectionQuarantine(db);
    this.applied = committedCheckpoints(
      db,
      projections.map((p) => p.name),
    );
    this.saveCheckpoint = db.prepare(`INSERT INTO projection_checkpoints (name, position) VALUES (?, ?)
      ON CONFLICT(name) DO UPDATE SET position = excluded.position`);
    // A nested better-sqlite3 transaction is a savepoint: a failed apply is undone alone.
    this.applyOne = db.transaction((projection: Projection, event: FedEvent) => applyFed(projection, event));
  }

  /** Global position up to which every read model has applied the feed. */
  position(): number {
    return Math.min(...this.applied.values());
  }

  quarantined(): QuarantinedEvent[] {
    return this.quarantine.all();
  }

  /**
   * Applies `events` from `from` on, for at most `sliceMs` (one event at least), and commits with the checkpoint.
   * @returns the index of the first event not applied.
   */
  commit(events: readonly FedEvent[], from: number, sliceMs: number): number {
    const deadline = performance.now() + sliceMs;
    const startedEmpty = this.position() === 0;
    let to = from;
    try {
      this.transaction(() => {
        do this.applyToAll(events[to++], applyFed);
        while (to < events.length && performance.now() < deadline);
        this.end(events[from].stored, events[to - 1].stored, startedEmpty);
      });
    } catch {
      // Some event of the slice cannot be applied (`to` is past it): the slice again, each event in its savepoint.
      this.transaction(() => {
        for (let i = from; i < to; i++) this.applyToAll(events[i], (p, e) => this.applySafely(p, e));
        this.end(events[from].stored, events[to - 1].stored, startedEmpty);
      });
    }
    const last = events[to - 1].stored.position;
    for (const projection of this.projections) this.applied.set(projection.name, last);
    return to;
  }

  /** Runs `work` in a transaction; the read models are told of a rollback (they may fold state in memory). */
  private transaction(work: () => void): void {
    try {
      this.db.transaction(work)();
    } catch (error) {
      for (const projection of this.projections) projection.rolledBack();
      throw error;
    }
  }

  private applyToAll(event: FedEvent, apply: (p: Projection, e: FedEvent) => void): void {
    for (const projection of this.projections) {
      if (event.stored.position > (this.applied.get(projection.name) ?? 0)) apply(projection, event);
    }
  }

  private end(first: RecordedEvent, last: RecordedEvent, startedEmpty: boolean): void {
    for (const projection of this.projections) projection.endBatch();
    for (const projection of this.projections) this.saveCheckpoint.run(projection.name, last.position);
    this.following.record(first, last, startedEmpty);
  }

  private applySafely(projection: Projection, event: FedEvent): void {
    try {
      this.applyOne(projection, event);
    } catch (error) {
      // A busy, full, failing or damaged disk says nothing about the event: fail the slice (and try it again
      // later, or on a rebuilt database).
      projection.rolledBack();
      if (storageFailure(error) !== null) throw error;
      this.quarantine.record(projection.name, event.stored, errorMessage(error));
    }
  }
}
