import { jsonEvent } from '@eventstore/db-client';
import { AppendConditionFailedError } from '../event-store.errors';
import { byPosition, entriesOf, type PendingEntry } from '../event-index';
import type { AppendCondition, EventIndexer, IndexHit } from '../event-store.port';
import { readLast, type EventStoreDbClient } from './client';
import { mapError } from './error-mapping';
import type { FeedReader } from './feed-reader';
import type { StreamNaming } from './stream-naming';

const PAGE = 5_000;

/**
 * The index on EventStoreDB, which has no transaction across streams: entries are derived from the feed by
 * the indexer into memory, caught up to the head of `$all` before every answer, so a lookup never answers from
 * a part of the log. Unique keys are not enforced here but by reservations (unique-key-reservations.ts).
 *
 * An append condition is checked against this index right before the write, not in the write: an event
 * committed by another instance between the check and the write goes unseen. That is what a multi-stream
 * transaction would rule out, and EventStoreDB has none, so conditions are best-effort here (README).
 */
export class EventStoreDbIndex {
  private readonly entries = new Map<string, IndexHit[]>();
  /** Every feed event at or before this position is indexed. */
  private position = 0;

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly naming: StreamNaming,
    private readonly reader: FeedReader,
    private readonly indexer: EventIndexer,
  ) {}

  async lookup(keys: readonly string[]): Promise<IndexHit[]> {
    await this.catchUp();
    return [...new Set(keys)].flatMap((key) => this.entries.get(key) ?? []).sort(byPosition);
  }

  /** Refuses an append whose condition no longer holds (as far as the caught-up index knows). */
  async assertCondition(condition: AppendCondition | undefined): Promise<void> {
    if (condition === undefined || condition.keys.length === 0) return;
    const moved = (await this.lookup(condition.keys)).find((hit) => hit.position > condition.after);
    if (moved !== undefined) throw new AppendConditionFailedError(moved);
  }

  async readCheckpoint(name: string): Promise<number> {
    const last = await readLast(this.client, this.checkpointStream(name));
    return last === null ? 0 : ((last.data as { position?: number }).position ?? 0);
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    if (position <= (await this.readCheckpoint(name))) return;
    try {
      await this.client.appendToStream(
        this.checkpointStream(name),
        jsonEvent({ type: 'CheckpointSaved', data: { position } }),
      );
    } catch (error) {
      throw mapError(error, `checkpoint ${name}`);
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const { events, searchedTo } = await this.reader.scanAfter(this.position, PAGE);
      // One event at a time: the log is what it is, and a key held twice in it must not stop every lookup.
      for (const event of events) for (const entry of entriesOf(this.indexer, [event])) this.add(entry);
      this.position = Math.max(this.position, searchedTo);
      if (events.length < PAGE) return;
    }
  }

  private add({ unique: _unique, ...hit }: PendingEntry): void {
    const hits = this.entries.get(hit.key);
    if (hits === undefined) this.entries.set(hit.key, [hit]);
    else if (!hits.some((h) => h.position === hit.position)) hits.push(hit);
  }

  private checkpointStream(name: string): string {
    return this.naming.checkpointStream(name);
  }
}
