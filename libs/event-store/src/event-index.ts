import { AppendConditionFailedError, UniqueKeyTakenError } from './event-store.errors';
import type { AppendCondition, EventIndexer, IndexHit, RecordedEvent } from './event-store.port';

/** An index entry about to be stored with its event. */
export interface PendingEntry extends IndexHit {
  readonly unique: boolean;
}

/**
 * The entries of events about to be appended, checked on their own: keys are non-empty text, and a unique key
 * is not given twice in one append. A key an indexer gives twice for one event is one entry (unique when either
 * is), so that every adapter keeps the same entries. Whether a unique key is held already is the adapter's check.
 */
export function entriesOf(indexer: EventIndexer, events: readonly RecordedEvent[]): PendingEntry[] {
  const entries: PendingEntry[] = [];
  const unique = new Map<string, PendingEntry>();
  for (const event of events) {
    const ofEvent = new Map<string, PendingEntry>();
    for (const { key, unique: isUnique = false } of indexer.keysOf(event)) {
      if (typeof key !== 'string' || key.length === 0 || key.length > 512) {
        throw new Error(`indexer ${indexer.id} gave an invalid key for ${event.streamId}@${event.version}`);
      }
      const given = ofEvent.get(key);
      if (given !== undefined && (given.unique || !isUnique)) continue;
      const entry = {
        key,
        streamId: event.streamId,
        version: event.version,
        position: event.position,
        unique: isUnique,
      };
      if (isUnique) {
        const first = unique.get(key);
        if (first !== undefined) throw new UniqueKeyTakenError(key, first);
        unique.set(key, entry);
      }
      ofEvent.set(key, entry);
    }
    for (const entry of ofEvent.values()) entries.push(entry);
  }
  return entries;
}

/** Lookup answers in position order, then key order: the same for every adapter. */
export function byPosition(a: IndexHit, b: IndexHit): number {
  return a.position - b.position || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function assertCheckpoint(name: string, position: number): void {
  if (typeof name !== 'string' || name.length === 0) throw new Error('checkpoint name must be a non-empty string');
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new Error(`checkpoint position must be a non-negative integer, got ${String(position)}`);
  }
}

/**
 * @param head the store's last position as the append sees it (under its write lock), read only for a condition:
 *   when nothing came after the condition's position, no hit can have, and the keys are not looked up.
 * @throws AppendConditionFailedError when one of the hits of the condition's keys came after its position.
 */
export function assertCondition(
  condition: AppendCondition | undefined,
  head: () => number,
  hits: (keys: readonly string[]) => IndexHit[],
): void {
  if (condition === undefined || condition.keys.length === 0 || head() <= condition.after) return;
  const moved = hits(condition.keys).find((hit) => hit.position > condition.after);
  if (moved !== undefined) throw new AppendConditionFailedError(moved);
}
