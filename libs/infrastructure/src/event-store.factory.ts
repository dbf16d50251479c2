import type { EventStore } from '@pks/event-store';
import {
  EventStoreDbEventStore,
  InMemoryEventStore,
  SqliteEventStore,
  type GroupCommit,
} from '@pks/event-store/adapters';
import { LEDGER_INDEXER } from '@pks/application';
import { STREAM_PREFIXES } from '@pks/domain';
import type { AppConfig } from './config';

/** What the service observes of its store (the CLI observes nothing). */
export interface StoreObservers {
  /** Each group commit of the SQLite store. */
  readonly onCommit?: (commit: GroupCommit) => void;
}

/** The one place that chooses an event store adapter; every adapter keeps the ledger's index. */
export function createEventStore(config: AppConfig, observers: StoreObservers = {}): EventStore {
  switch (config.eventStore) {
    case 'sqlite':
      return new SqliteEventStore({
        path: config.sqlitePath,
        synchronous: config.sqliteSynchronous,
        indexer: LEDGER_INDEXER,
        ...(observers.onCommit ? { onCommit: observers.onCommit } : {}),
      });
    case 'memory':
      return new InMemoryEventStore(LEDGER_INDEXER);
    case 'eventstoredb':
      if (!config.eventStoreConnectionString) {
        throw new Error(
          'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)',
        );
      }
      return new EventStoreDbEventStore({
        connectionString: config.eventStoreConnectionString,
        feedCategories: STREAM_PREFIXES,
        indexer: LEDGER_INDEXER,
        maxAppendSize: config.eventStoreMaxAppendSize,
        ...(config.eventStoreStreamPrefix ? { streamPrefix: config.eventStoreStreamPrefix } : {}),
      });
    default: {
      const unknownKind: never = config.eventStore;
      throw new Error(`unknown event store ${String(unknownKind)}`);
    }
  }
}
