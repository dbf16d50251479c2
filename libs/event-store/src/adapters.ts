// The event store adapters. Only apps (and tests) import them: the layers below know the port alone.
export { InMemoryEventStore } from './in-memory.event-store';
export { SqliteEventStore, type GroupCommit, type SqliteEventStoreOptions } from './sqlite.event-store';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb.event-store';
export {
  EventStoreDbFeed,
  type EventStoreDbFeedOptions,
  type FeedHandler,
  type FeedSubscription,
} from './eventstoredb/eventstoredb.feed';
export { EventStoreDbUnavailableError, IdempotencyKeyBusyError } from './eventstoredb/error-mapping';
export { SqliteAuditSource } from './sqlite.audit-source';
