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
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

/**
 * Keeps the record of the store a generation follows and tells when the store no longer is that one: behind the
 * checkpoint (a restored older copy, a lost tail) or different at it (another file, a copy that took another
 * course). Read models applied from another history cannot be caught up; they must be rebuilt.
 */
export class StoreFollowing {
  private readonly select: Database.Statement<[], FollowedStore>;
  private readonly upsert: Database.Statement<[string, number, string, number, string]>;
  private identity: string | null;
  /** The first event is the same for as long as the store is: compared once per runner. */
  private identityChecked = false;

  constructor(
    db: Database.Database,
    private readonly store: EventStore,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS followed_store (id INTEGER PRIMARY KEY CHECK (id = 1),
      identity TEXT NOT NULL, position INTEGER NOT NULL, stream_id TEXT NOT NULL, version INTEGER NOT NULL,
      hash TEXT NOT NULL)`);
    this.select = db.prepare(
      'SELECT identity, position, stream_id AS streamId, version, hash FROM followed_store WHERE id = 1',
    );
    this.upsert = db.prepare(`INSERT INTO followed_store (id, identity, position, stream_id, version, hash)
      VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET identity = excluded.identity,
      position = excluded.position, stream_id = excluded.stream_id, version = excluded.version, hash = excluded.hash`);
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
    this.upsert.run(this.identity, last.position, last.streamId, last.version, last.hash);
  }

  /** Why the store is not the one the generation applied up to `applied`, or null when it is. */
  async check(applied: number): Promise<string | null> {
    if (applied === 0) return null;
    const recorded = this.recorded();
    if (recorded === null || recorded.position !== applied) return this.checkUnrecorded(applied);
    const now = await this.eventAt(recorded);
    if (now === null) {
      return `the store holds no event at position ${applied}, which the read models applied: a restored older copy or a lost tail`;
    }
    if (now.hash !== recorded.hash || now.position !== applied) {
      return `the store's event at position ${applied} is not the one the read models applied: another store, or a copy that took another course`;
    }
    if (this.identityChecked) return null;
    this.identityChecked = true;
    const identity = await this.firstEventHash();
    return identity === recorded.identity
      ? null
      : 'the store is not the one the read models follow (its first event differs)';
  }

  /** The store's first event's hash: from the log where there is one (no event to read), else from the feed. */
  private async firstEventHash(): Promise<string | null> {
    const log = this.store.transparencyLog?.();
    if (log !== undefined) return (await log.size()) > 0 ? (await log.leaf(1)).eventHash : null;
    return (await this.store.readAll({ after: 0, limit: 1 }))[0]?.hash ?? null;
  }

  /**
   * A generation written before this record existed: held to the log where the store keeps one (a store behind
   * its checkpoint is found), otherwise trusted as it stands; recorded from its next batch on.
   */
  private async checkUnrecorded(applied: number): Promise<string | null> {
    this.identity = await this.firstEventHash();
    const log = this.store.transparencyLog?.();
    if (log === undefined || applied <= (await log.size())) return null;
    return `the store holds no event at position ${applied}, which the read models applied: a restored older copy or a lost tail`;
  }

  /** The event the record names, as the store holds it now (found by its stream and version, as any store can). */
  private async eventAt(recorded: FollowedStore): Promise<{ position: number; hash: string } | null> {
    const log = this.store.transparencyLog?.();
    if (log !== undefined) {
      if (recorded.position > (await log.size())) return null;
      const leaf = await log.leaf(recorded.position);
      const same = leaf.streamId === recorded.streamId && leaf.version === recorded.version;
      return { position: recorded.position, hash: same ? leaf.eventHash : `${leaf.streamId}@${leaf.version}` };
    }
    const [event] = await this.store.readStream(recorded.streamId, {
      fromVersion: recorded.version,
      toVersion: recorded.version,
    });
    return event === undefined ? null : { position: event.position, hash: event.hash };
  }
}
