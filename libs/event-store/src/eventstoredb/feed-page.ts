import type { RecordedEvent as StoredEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { fromStoredEvent } from './event-envelope';
import { positionOf } from './revisions';
import type { StreamNaming } from './stream-naming';

/**
 * The feed events of a forward page of `$all` read from `cursor` (which the read includes, and which is dropped),
 * at most `room`, and the position of the last event examined: the last of the page, or the one that filled the
 * room.
 */
export function feedOfPage(
  naming: StreamNaming,
  page: readonly StoredEvent[],
  cursor: number,
  room: number,
): { feed: RecordedEvent[]; examined: number } {
  const feed: RecordedEvent[] = [];
  let examined = cursor;
  for (const [index, event] of page.entries()) {
    const position = positionOf(event);
    if (position < examined || (position === examined && index > 0)) {
      // Only explicit transactions (legacy TCP API) put two events at one commit position; paging by position
      // would skip or repeat them, so refuse rather than lose events.
      throw new Error(
        `$all position ${position} does not follow ${examined}: events sharing a commit position are not supported`,
      );
    }
    examined = position;
    if (position === cursor) continue;
    const streamId = naming.feedStreamId(event.streamId);
    if (streamId === null) continue;
    feed.push(fromStoredEvent(streamId, event, position));
    if (feed.length === room) break;
  }
  return { feed, examined };
}
