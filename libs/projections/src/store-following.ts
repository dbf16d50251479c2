import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '@pks/event-store';

/**
 * Which store a generation of the read models follows: the store's first event (its identity: a copy or a backup of
 * the same ledger shares it, another ledger does not) and the event at the generation's checkpoint (its hash).
 * Written in the same transaction as the checkpoint, so the two never disagree.
 */
export interface FollowedStore {
  readonly identity: string;
  readonly position: number;
  readonly hash: string;
}

/**
 * Keeps the record of the store a generation follows and tells when the store no longer is that one: behind the
 * checkpoint (a restored older copy, a lost tail) or different at it (another file, a copy that took another
 * course). Read models applied from another history cannot be caught up; they must be rebuilt.
 */
export class StoreFollowing {
  private readonly select: Database.Statement<[], { identity: string; position: number; hash: string }>;
  private readonly upsert: Database.Statement<[string, number, string]>;
  private identity: string | null;

  constructor(
    db: Database.Database,
    private readonly store: EventStore,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS followed_store (
      id INTEGER PRIMARY KEY CHECK (id = 1), identity TEXT NOT NULL, position INTEGER NOT NULL, hash TEXT NOT NULL)`);
    this.select = db.prepare('SELECT identity, position, hash FROM followed_store WHERE id = 1');
    this.upsert = db.prepare(`INSERT INTO followed_store (id, identity, position, hash) VALUES (1, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET identity = excluded.identity, position = excluded.position, hash = excluded.hash`);
    this.identity = this.select.get()?.identity ?? null;
  }

  recorded(): FollowedStore | null {
    return this.select.get() ?? null;
  }

  /**
   * Records the last event of a batch, inside the batch's transaction. `first` is the batch's first event: the
   * store's first event when the generation starts from nothing.
   */
  record(first: RecordedEvent, last: RecordedEvent, startedEmpty: boolean): void {
    if (this.identity === null && !startedEmpty) return; // a generation of before this record: see `check`
    this.identity ??= first.hash;
    this.upsert.run(this.identity, last.position, last.hash);
  }

  /** Why the store is not the one the generation applied up to `applied`, or null when it is. */
  async check(applied: number): Promise<string | null> {
    if (applied === 0) return null;
    const atCheckpoint = await this.hashAt(applied);
    if (atCheckpoint === null) {
      return `the store holds no event at position ${applied}, which the read models applied: a restored older copy or a lost tail`;
    }
    const recorded = this.recorded();
    if (recorded === null) {
      // Written before this record existed: trusted as it stands, and recorded from the next batch on.
      this.identity = await this.hashAt(await this.firstPosition());
      return null;
    }
    if (recorded.position === applied && recorded.hash !== atCheckpoint) {
      return `the store's event at position ${applied} is not the one the read models applied: another store, or a copy that took another course`;
    }
    const identity = await this.hashAt(await this.firstPosition());
    return identity === recorded.identity
      ? null
      : 'the store is not the one the read models follow (its first event differs)';
  }

  /** The chain hash of the store's event at `position`, or null when it holds none there. */
  private async hashAt(position: number): Promise<string | null> {
    const log = this.store.transparencyLog?.();
    if (log !== undefined) return position <= (await log.size()) ? (await log.leaf(position)).eventHash : null;
    const [event] = await this.store.readAll({ after: position - 1, limit: 1 });
    return event?.position === position ? event.hash : null;
  }

  private async firstPosition(): Promise<number> {
    if (this.store.transparencyLog !== undefined) return 1;
    const [first] = await this.store.readAll({ after: 0, limit: 1 });
    return first?.position ?? 1;
  }
}
