// The event store adapters. Only apps (and tests) import them: the layers below know the port alone.
export { InMemoryEventStore } from './in-memory.event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite.event-store';
