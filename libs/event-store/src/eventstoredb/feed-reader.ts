import { BACKWARDS, END, type ReadPosition, type RecordedEvent as StoredEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { collect, type EventStoreDbClient } from './client';
import { fromStoredEvent } from './event-envelope';
import { positionOf, readPositionAt } from './revisions';
import type { StreamNaming } from './stream-naming';

const PAGE = 512;
const HEAD_PAGE = 64;

/**
 * The feed: the ledger's events in `$all` order, which the projections read (readAll) and wait for
 * (headPosition). `$all` also holds EventStoreDB's system events, the idempotency claims and, on a shared cluster,
 * other prefixes' streams; this 6.x client cannot filter a read of `$all` on the server, so pages are filtered
 * here. Positions are commit positions (see revisions.ts).
 */
export class FeedReader {
  /** Highest feed position known; every feed event at or below `scannedThrough` is at or below it. */
  private head = 0;
  /** Highest `$all` position examined by a head search. */
  private scannedThrough: number;

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly naming: StreamNaming,
    /** Events at or before this position are not part of the store (see EventStoreDbEventStoreOptions). */
    private readonly startPosition = 0,
  ) {
    this.scannedThrough = startPosition;
  }

  /** Records the position of an event just appended: the head is at least there. */
  observe(position: number): void {
    this.head = Math.max(this.head, position);
  }

  /** Feed events with a position strictly greater than `after`, at most `limit`. */
  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let cursor = Math.max(after, this.startPosition);
    while (events.length < limit) {
      // A forward read of $all includes the event at its start position: the page drops it.
      const page = await collect(
        this.client.readAll({ fromPosition: readPositionAt(cursor), maxCount: PAGE }),
        'read of $all',
      );
      const { next, feed } = this.filterPage(page, cursor, limit - events.length);
      events.push(...feed);
      if (page.length < PAGE || next === cursor) break;
      cursor = next;
    }
    if (events.length) this.observe(events[events.length - 1].position);
    return events;
  }

  /**
   * Position of the last feed event. Searches `$all` backwards from its end down to the previous search, so
   * repeated calls cost a read of what was written since.
   */
  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    let top: number | null = null;
    let found: number | null = null;
    search: for (;;) {
      const page = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_PAGE }),
        'read of $all',
      );
      for (const event of page) {
        const position = positionOf(event);
        if (position <= this.scannedThrough) break search;
        top ??= position;
        if (this.naming.feedStreamId(event.streamId) !== null) {
          found = position;
          break search;
        }
        from = { commit: BigInt(position), prepare: BigInt(position) };
      }
      if (page.length < HEAD_PAGE) break;
    }
    if (top !== null) this.scannedThrough = Math.max(this.scannedThrough, top);
    if (found !== null) this.observe(found);
    return this.head;
  }

  private filterPage(
    page: readonly StoredEvent[],
    cursor: number,
    room: number,
  ): { next: number; feed: RecordedEvent[] } {
    const feed: RecordedEvent[] = [];
    let next = cursor;
    for (const [index, event] of page.entries()) {
      const position = positionOf(event);
      if (position < next || (position === next && index > 0)) {
        // Only explicit transactions (legacy TCP API) put two events at one commit position; paging by position
        // would skip or repeat them, so refuse rather than lose events.
        throw new Error(
          `$all position ${position} does not follow ${next}: events sharing a commit position are not supported`,
        );
      }
      if (position === cursor) continue;
      next = position;
      const streamId = this.naming.feedStreamId(event.streamId);
      if (streamId === null) continue;
      feed.push(fromStoredEvent(streamId, event, position));
      if (feed.length === room) break;
    }
    return { next, feed };
  }
}
