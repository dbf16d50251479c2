import { jsonEvent } from '@eventstore/db-client';
import { AppendConditionFailedError, UniqueKeyTakenError } from '../event-store.errors';
import { byPosition, entriesOf, type PendingEntry } from '../event-index';
import type { AppendCondition, EventIndexer, IndexHit, RecordedEvent } from '../event-store.port';
import { readLast, type EventStoreDbClient } from './client';
import { mapError } from './error-mapping';
import type { FeedReader } from './feed-reader';
import type { StreamNaming } from './stream-naming';

const PAGE = 5_000;

/**
 * The index on EventStoreDB, which has no transaction across streams: entries are derived from the feed by
 * the indexer into memory, caught up to the head of `$all` before every answer, so a lookup never answers from
 * a part of the log. A unique key is checked against that index before the append: two instances racing for
 * one key within the same moment can both pass, which the SQLite store (one transaction) rules out; the
 * death-benefit rule on a cluster therefore also relies on the agreement streams' own checks.
 */
export class EventStoreDbIndex {
  private readonly entries = new Map<string, IndexHit[]>();
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

  /** Refuses events whose unique keys are held already (as far as the caught-up index knows). */
  async assertFree(events: readonly RecordedEvent[]): Promise<void> {
    const unique = entriesOf(this.indexer, events).filter((entry) => entry.unique);
    if (unique.length === 0) return;
    const held = await this.lookup(unique.map((entry) => entry.key));
    if (held.length > 0) throw new UniqueKeyTakenError(held[0].key, held[0]);
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
      const page = await this.reader.readAll(this.position, PAGE);
      if (page.length === 0) return;
      for (const entry of entriesOf(this.indexer, page)) this.add(entry);
      this.position = page[page.length - 1].position;
    }
  }

  private add({ unique: _unique, ...hit }: PendingEntry): void {
    const hits = this.entries.get(hit.key);
    if (hits === undefined) this.entries.set(hit.key, [hit]);
    else if (!hits.some((h) => h.position === hit.position)) hits.push(hit);
  }

  private checkpointStream(name: string): string {
    return this.naming.streamName(`checkpoint-${name}`);
  }
}
