import type * as Adapters from '@pks/event-store/adapters';

/**
 * Under jest.eventstoredb.config.js the HTTP e2e suites run against EventStoreDB (eventstoredb-env.js sets
 * E2E_EVENT_STORE=eventstoredb for test/e2e/support). This file, loaded before each test file, keeps them honest:
 * - without EVENTSTORE_CONNECTION_STRING there is no server: rather than let them run against the default SQLite
 *   store (and pass, as if EventStoreDB had been tested), every test of an e2e file is declared skipped, the
 *   reason in its title; hooks are dropped too, so no app is started;
 * - with it, an e2e file whose app closed a SQLite store and never an EventStoreDB one fails: its support code
 *   did not switch stores.
 */
const REASON = 'skipped: EVENTSTORE_CONNECTION_STRING is not set';
const isE2eFile = /\.e2e-spec\.ts$/.test(expect.getState().testPath ?? '');

if (isE2eFile && !process.env.EVENTSTORE_CONNECTION_STRING) skipEverything();
if (isE2eFile && process.env.EVENTSTORE_CONNECTION_STRING) requireEventStoreDb();

function skipEverything(): void {
  let depth = 0; // the reason goes in the titles of top-level blocks only
  const label = (name: string): string => (depth === 0 ? `${name} — ${REASON}` : name);
  const inside = (fn: () => void) => () => {
    depth += 1;
    try {
      fn();
    } finally {
      depth -= 1;
    }
  };
  // Skipped because no EventStoreDB is configured (REASON, in every title): never run on SQLite and counted as passed.
  const skipSuite = Object.assign((name: string, fn: () => void) => describe.skip(label(name), inside(fn)), {
    each: describe.skip.each,
    only: describe.skip,
    skip: describe.skip,
  });
  const skipTest = Object.assign((name: string, fn?: jest.ProvidesCallback) => it.skip(label(name), fn), {
    each: it.skip.each,
    only: it.skip,
    skip: it.skip,
    todo: it.todo,
    concurrent: it.skip,
    failing: it.skip,
  });
  const noHook = (): void => undefined;
  Object.assign(globalThis, {
    describe: skipSuite,
    it: skipTest,
    test: skipTest,
    beforeAll: noHook,
    afterAll: noHook,
    beforeEach: noHook,
    afterEach: noHook,
  });
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
