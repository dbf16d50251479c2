import type { Database, Statement } from 'better-sqlite3';
import { byPosition, type PendingEntry } from './event-index';
import { UniqueKeyTakenError } from './event-store.errors';
import type { EventIndexer, IndexHit } from './event-store.port';
import { toRecordedEvent, type EventRow } from './sqlite.statements';

const REBUILD_PAGE = 5_000;

interface HitRow {
  key: string;
  stream_id: string;
  version: number;
  position: number;
}

/**
 * The index of {@link SqliteEventStore}: entries in `event_index`, written inside the append's transaction,
 * and reactors' checkpoints. `store_meta.indexer` names the definition the entries were built with; opening
 * the file with another rebuilds them from the events, in one transaction.
 */
export class SqliteEventIndex {
  private readonly insert: Statement<[key: string, position: number, unique: number]>;
  private readonly insertPlain: Statement<[position: number, keys: string]>;
  private readonly holder: Statement<[key: string], HitRow>;
  private readonly find: Statement<[keys: string], HitRow>;
  private readonly readCheckpoint: Statement<[name: string], number>;
  private readonly writeCheckpoint: Statement<[name: string, position: number]>;

  constructor(
    private readonly db: Database,
    private readonly indexer: EventIndexer,
  ) {
    this.insert = db.prepare('INSERT INTO event_index (key, position, unique_key) VALUES (?, ?, ?)');
    this.insertPlain = db.prepare(
      'INSERT INTO event_index (key, position, unique_key) SELECT value, ?, 0 FROM json_each(?)',
    );
    const hit =
      'SELECT i.key, e.stream_id, e.version, i.position FROM event_index i JOIN events e ON e.position = i.position';
    this.holder = db.prepare(`${hit} WHERE i.key = ? AND i.unique_key = 1 LIMIT 1`);
    this.find = db.prepare(`${hit} WHERE i.key IN (SELECT value FROM json_each(?)) ORDER BY i.position, i.key`);
    this.readCheckpoint = db.prepare<[string], number>('SELECT position FROM checkpoints WHERE name = ?').pluck();
    this.writeCheckpoint = db.prepare(`INSERT INTO checkpoints (name, position) VALUES (?, ?)
      ON CONFLICT (name) DO UPDATE SET position = MAX(position, excluded.position)`);
  }

  /**
   * Writes the entries of an append, inside its transaction; a unique key already held fails it whole. The plain
   * keys of one event (an enrolment's thousands of NIKs) go in with one statement.
   */
  write(entries: readonly PendingEntry[]): void {
    for (let i = 0; i < entries.length;) {
      const entry = entries[i];
      if (entry.unique) {
        const held = this.holder.get(entry.key);
        if (held !== undefined) throw new UniqueKeyTakenError(entry.key, toHit(held));
        this.insert.run(entry.key, entry.position, 1);
        i++;
        continue;
      }
      let end = i;
      while (end < entries.length && !entries[end].unique && entries[end].position === entry.position) end++;
      const keys = entries.slice(i, end).map((plain) => plain.key);
      this.insertPlain.run(entry.position, JSON.stringify(keys));
      i = end;
    }
  }

  lookup(keys: readonly string[]): IndexHit[] {
    if (keys.length === 0) return [];
    return this.find
      .all(JSON.stringify([...new Set(keys)]))
      .map(toHit)
      .sort(byPosition);
  }

  checkpoint(name: string): number {
    return this.readCheckpoint.get(name) ?? 0;
  }

  saveCheckpoint(name: string, position: number): void {
    this.writeCheckpoint.run(name, position);
  }

  /** Rebuilds the entries from the events when they were built by another definition (or none yet). */
  ensureBuiltBy(entriesOf: (events: ReturnType<typeof toRecordedEvent>[]) => PendingEntry[]): void {
    const builtBy = this.db.prepare<[], string>("SELECT value FROM store_meta WHERE key = 'indexer'").pluck().get();
    if (builtBy === this.indexer.id) return;
    const page = this.db.prepare<[number, number], EventRow>(
      `SELECT position, stream_id, version, event_id, type, data, metadata, hash, previous_hash
       FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    );
    this.db
      .transaction(() => {
        this.db.exec('DELETE FROM event_index');
        for (let after = 0; ;) {
          const rows = page.all(after, REBUILD_PAGE);
          if (rows.length === 0) break;
          this.write(entriesOf(rows.map(toRecordedEvent)));
          after = rows[rows.length - 1].position;
        }
        this.db
          .prepare(
            "INSERT INTO store_meta (key, value) VALUES ('indexer', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          )
          .run(this.indexer.id);
      })
      .immediate();
  }
}

function toHit(row: HitRow): IndexHit {
  return { key: row.key, streamId: row.stream_id, version: row.version, position: row.position };
}
