import type { EventStore, NewEvent } from '@pks/event-store';
import { InMemoryEventStore } from '@pks/event-store/adapters';

/**
 * Test helper: copies of a store, as a backup or another file would be. A copy of the first `upTo` events holds the
 * very same events (ids, content, chain hashes, positions). Not part of the public API.
 */
export async function copyOf(store: EventStore, upTo = Number.MAX_SAFE_INTEGER): Promise<InMemoryEventStore> {
  const copy = new InMemoryEventStore();
  const events = (await store.readAll({ after: 0, limit: 1_000_000 })).filter((e) => e.position <= upTo);
  for (const { streamId, version, eventId, type, data, metadata } of events) {
    const event: NewEvent = { eventId, type, data, metadata };
    await copy.append(streamId, version - 1, [event]);
  }
  return copy;
}

/** A store whose every call goes to `current`, which a test replaces: a file restored under a running service. */
export function switchable(initial: EventStore): { store: EventStore; switchTo: (next: EventStore) => void } {
  let current = initial;
  const store = new Proxy({} as EventStore, {
    get(_target, name) {
      const value = (current as unknown as Record<string | symbol, unknown>)[name];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
  return { store, switchTo: (next) => (current = next) };
}

/** `store` as a store that keeps no transparency log (EventStoreDB): every call but `transparencyLog` goes to it. */
export function withoutLog(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, name) {
      if (name === 'transparencyLog') return undefined;
      const value = (target as unknown as Record<string | symbol, unknown>)[name];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
