import type { EventStore } from '@pks/event-store';
import { EventStoreDbEventStore, InMemoryEventStore, SqliteEventStore } from '@pks/event-store/adapters';
import type { AppConfig } from '../config';

/** The one place that chooses an event store adapter. */
export function createEventStore(config: AppConfig): EventStore {
  switch (config.eventStore) {
    case 'sqlite':
      return new SqliteEventStore({ path: config.sqlitePath, synchronous: config.sqliteSynchronous });
    case 'memory':
      return new InMemoryEventStore();
    case 'eventstoredb':
      if (!config.eventStoreConnectionString) {
        throw new Error(
          'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)',
        );
      }
      return new EventStoreDbEventStore({
        connectionString: config.eventStoreConnectionString,
        ...(config.eventStoreStreamPrefix ? { streamPrefix: config.eventStoreStreamPrefix } : {}),
      });
    default: {
      const unknownKind: never = config.eventStore;
      throw new Error(`unknown event store ${String(unknownKind)}`);
    }
  }
}
