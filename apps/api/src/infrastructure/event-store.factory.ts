import type { EventStore } from '@pks/event-store';
import { InMemoryEventStore, SqliteEventStore } from '@pks/event-store/adapters';
import type { AppConfig } from '../config';

/** The one place that chooses an event store adapter. */
export function createEventStore(config: AppConfig): EventStore {
  switch (config.eventStore) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.sqlitePath, synchronous: config.sqliteSynchronous });
    case 'memory':
      return new InMemoryEventStore();
    case 'eventstoredb':
      throw new Error('EVENT_STORE=eventstoredb is not available in this build yet; use sqlite (the default) or memory');
    default: {
      const unknownKind: never = config.eventStore;
      throw new Error(`unknown event store ${String(unknownKind)}`);
    }
  }
}
