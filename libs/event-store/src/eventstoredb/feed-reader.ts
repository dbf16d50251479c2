import { BACKWARDS, END, type ReadPosition } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { collect, type EventStoreDbClient } from './client';
import { feedOfPage } from './feed-page';
import { isFilteredReadUnsupported } from './filtered-read';
import { positionOf, readPositionAt } from './revisions';
import type { StreamNaming } from './stream-naming';

const PAGE = 512;
const HEAD_PAGE = 64;

/** What a search of `$all` after a cursor found: feed events, and how far it looked. */
export interface Scan {
  readonly events: RecordedEvent[];
  /** Every feed event in (cursor, searchedTo] is in `events`. */
  readonly searchedTo: number;
}

/**
 * The feed: the ledger's events in `$all` order, which the projections read (readAll) and wait for
 * (headPosition). `$all` also holds EventStoreDB's system events, the adapter's own records and, on a shared
 * cluster, other ledgers' streams. The server filters them out where it can (filtered-read.ts); otherwise pages
 * are filtered here. Positions are commit positions (see revisions.ts).
 *
 * The reader remembers what it has searched: `$all` only grows at its end, so a stretch of it known to hold no
 * feed event never needs searching again. Reading on from the last feed event, or asking for the head again,
 * costs a search of what was written since, not of everything after the ledger's last event.
 */
export class FeedReader {
  /** Highest feed position known. */
  private head = 0;
  /** No feed event lies in (head, headThrough]: how far the head is known. */
  private headThrough: number;
  /** No feed event lies in (gapFrom, gapTo]: the latest stretch found empty, which reads skip. */
  private gapFrom = 0;
  private gapTo: number;
  /** Whether to ask the server to filter; false once it answered that it cannot. */
  private serverFilters: boolean;

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly naming: StreamNaming,
    /** Events at or before this position are not part of the store (see EventStoreDbEventStoreOptions). */
    private readonly startPosition = 0,
  ) {
    this.headThrough = startPosition;
    this.gapTo = startPosition;
    this.serverFilters = client.readAllFiltered !== undefined;
  }

  /** Records the position of an event just appended: the head is at least there. */
  observe(position: number): void {
    this.head = Math.max(this.head, position);
  }

  /** Feed events with a position strictly greater than `after`, at most `limit`. */
  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    return (await this.scanAfter(after, limit)).events;
  }

  /**
   * Feed events after `after`, at most `limit`, and a position up to which they are all the feed holds: a reader
   * that goes on from there (the index) skips what this search skipped.
   */
  async scanAfter(after: number, limit: number): Promise<Scan> {
    const cursor = this.skip(Math.max(after, this.startPosition));
    const scan = await this.scan(cursor, limit);
    this.learn(cursor, scan.events.at(-1)?.position, scan.searchedTo);
    return scan;
  }

  /** Position of the last feed event: a search of what `$all` holds past the part searched already. */
  async headPosition(): Promise<number> {
    const end = await this.endOfLog();
    const from = Math.max(this.head, this.headThrough);
    if (end === null || end <= from) return this.head;
    const { last, searchedTo } = await this.findHead(from, end);
    this.learn(from, last ?? undefined, searchedTo);
    return this.head;
  }

  /** Where a search for feed events after `after` can start: past the stretches known to hold none. */
  private skip(after: number): number {
    let cursor = after;
    for (let moved = true; moved;) {
      const before = cursor;
      if (cursor >= this.gapFrom && cursor < this.gapTo) cursor = this.gapTo;
      if (cursor >= this.head && cursor < this.headThrough) cursor = this.headThrough;
      moved = cursor !== before;
    }
    return cursor;
  }

  /** Takes in what a search from `cursor` found: its last feed event, and how far it looked. */
  private learn(cursor: number, last: number | undefined, searchedTo: number): void {
    if (cursor === this.gapTo) {
      this.gapTo = Math.max(this.gapTo, searchedTo);
      if (last !== undefined) this.gapFrom = last;
    } else if (searchedTo > this.gapTo) {
      this.gapFrom = last ?? cursor;
      this.gapTo = searchedTo;
    }
    const headKnownToCursor = cursor >= this.head && cursor <= Math.max(this.head, this.headThrough);
    if (last !== undefined ? last > this.head : headKnownToCursor) {
      this.headThrough = Math.max(this.headThrough, searchedTo);
    }
    if (last !== undefined) this.observe(last);
  }

  private async scan(cursor: number, limit: number): Promise<Scan> {
    if (this.serverFilters) {
      try {
        return await this.scanOnServer(cursor, limit);
      } catch (error) {
        if (!isFilteredReadUnsupported(error)) throw error;
        this.serverFilters = false;
      }
    }
    return this.scanHere(cursor, limit);
  }

  /** The server filters; the end of the log, read first, says how far a read that came back short looked. */
  private async scanOnServer(cursor: number, limit: number, knownEnd?: number): Promise<Scan> {
    const end = knownEnd ?? (await this.endOfLog());
    // A forward read of $all includes the event at its start position, which the page drops.
    const maxCount = limit + 1;
    const page = await this.readFiltered(readPositionAt(cursor), maxCount, 'forwards');
    const { feed: events } = feedOfPage(this.naming, page, cursor, limit);
    const last = events.at(-1)?.position;
    const searchedTo = page.length === maxCount ? last! : Math.max(end ?? cursor, last ?? cursor, cursor);
    return { events, searchedTo };
  }

  /** Pages of every event of `$all`, filtered here. */
  private async scanHere(cursor: number, limit: number): Promise<Scan> {
    const events: RecordedEvent[] = [];
    for (let next = cursor; ;) {
      const page = await collect(
        this.client.readAll({ fromPosition: readPositionAt(next), maxCount: PAGE }),
        'read of $all',
      );
      const { feed, examined } = feedOfPage(this.naming, page, next, limit - events.length);
      events.push(...feed);
      const done = events.length >= limit || page.length < PAGE || examined === next;
      next = examined;
      if (done) return { events, searchedTo: next };
    }
  }

  /** The last feed event in (from, end] (or later), and how far the search looked. */
  private async findHead(from: number, end: number): Promise<{ last: number | null; searchedTo: number }> {
    if (this.serverFilters) {
      try {
        const { events, searchedTo } = await this.scanOnServer(from, HEAD_PAGE, end);
        if (events.length < HEAD_PAGE) return { last: events.at(-1)?.position ?? null, searchedTo };
        // More feed events than a page since the last search: the last of all is found from the end.
        const [last] = await this.readFiltered(END, 1, 'backwards');
        const position = last ? positionOf(last) : null;
        return { last: position, searchedTo: Math.max(end, position ?? end) };
      } catch (error) {
        if (!isFilteredReadUnsupported(error)) throw error;
        this.serverFilters = false;
      }
    }
    return this.searchBackHere(from);
  }

  /** Reads `$all` backwards from its end, filtering here, down to `from`. */
  private async searchBackHere(from: number): Promise<{ last: number | null; searchedTo: number }> {
    let at: ReadPosition = END;
    let top: number | null = null;
    for (;;) {
      const page = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: at, maxCount: HEAD_PAGE }),
        'read of $all',
      );
      for (const event of page) {
        const position = positionOf(event);
        if (position <= from) return { last: null, searchedTo: top ?? from };
        top ??= position;
        if (this.naming.feedStreamId(event.streamId) !== null) return { last: position, searchedTo: top };
        at = { commit: BigInt(position), prepare: BigInt(position) };
      }
      if (page.length < HEAD_PAGE) return { last: null, searchedTo: top ?? from };
    }
  }

  /** Position of the last record of `$all`, whatever its stream; null for an empty log. */
  private async endOfLog(): Promise<number | null> {
    const [last] = await collect(
      this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }),
      'read of $all',
    );
    return last ? positionOf(last) : null;
  }

  private readFiltered(fromPosition: ReadPosition, maxCount: number, direction: 'forwards' | 'backwards') {
    const read = this.client.readAllFiltered!({
      fromPosition,
      maxCount,
      streamNameRegex: this.naming.feedRegex(),
      direction: direction === 'backwards' ? BACKWARDS : undefined,
    });
    return collect(read, 'filtered read of $all');
  }
}
