import type * as Adapters from '@pks/event-store/adapters';
import { eventStoreTarget } from './target';

/**
 * Under jest.eventstoredb.config.js the HTTP e2e suites run on the EventStoreDB adapter (eventstoredb-env.js sets
 * E2E_EVENT_STORE=eventstoredb for test/e2e/support), against the server global-setup.ts chose. This file, loaded
 * before each test file, keeps them honest:
 * - the title of every top-level block of an e2e file names that server ("on the wire stand-in" or "on
 *   EventStoreDB"), so that a stand-in run never reads as an EventStoreDB one;
 * - an e2e file whose app closed a SQLite store and never an EventStoreDB one fails: its support code did not
 *   switch stores.
 */
const isE2eFile = /\.e2e-spec\.ts$/.test(expect.getState().testPath ?? '');

if (isE2eFile) {
  labelTopLevelBlocks(`on ${eventStoreTarget().label}`);
  requireEventStoreDb();
}

function labelTopLevelBlocks(suffix: string): void {
  const original = globalThis.describe;
  let depth = 0;
  const labelled = Object.assign((name: string, fn: () => void) => {
    const title = depth === 0 ? `${name} [${suffix}]` : name;
    return original(title, () => {
      depth += 1;
      try {
        fn();
      } finally {
        depth -= 1;
      }
    });
  }, original);
  globalThis.describe = labelled as typeof describe;
}

function requireEventStoreDb(): void {
  const { EventStoreDbEventStore, SqliteEventStore } = require('@pks/event-store/adapters') as typeof Adapters;
  const closedEventStoreDb = jest.spyOn(EventStoreDbEventStore.prototype, 'close');
  const closedSqlite = jest.spyOn(SqliteEventStore.prototype, 'close');
  afterAll(() => {
    if (closedSqlite.mock.calls.length > 0 && closedEventStoreDb.mock.calls.length === 0) {
      throw new Error(
        'this e2e file ran its app on SQLite: test/e2e/support must start it with EVENT_STORE=$E2E_EVENT_STORE',
      );
    }
  });
}
