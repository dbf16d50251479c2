/**
 * Under jest.eventstoredb.config.js the HTTP e2e suites are meant to run against EventStoreDB. Without
 * EVENTSTORE_CONNECTION_STRING there is no server: rather than let them run against the default SQLite store
 * (and pass, as if EventStoreDB had been tested), every test of an e2e file is declared skipped, the reason in
 * its title. Hooks are dropped too, so no app is started.
 */
const REASON = 'skipped: EVENTSTORE_CONNECTION_STRING is not set';
const testPath = expect.getState().testPath ?? '';

if (!process.env.EVENTSTORE_CONNECTION_STRING && /\.e2e-spec\.ts$/.test(testPath)) {
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
  const skipSuite = Object.assign((name: string, fn: () => void) => describe.skip(label(name), inside(fn)), {
    each: describe.skip.each, only: describe.skip, skip: describe.skip,
  });
  const skipTest = Object.assign((name: string, fn?: jest.ProvidesCallback) => it.skip(label(name), fn), {
    each: it.skip.each, only: it.skip, skip: it.skip, todo: it.todo, concurrent: it.skip, failing: it.skip,
  });
  const noHook = (): void => undefined;
  Object.assign(globalThis, {
    describe: skipSuite, it: skipTest, test: skipTest,
    beforeAll: noHook, afterAll: noHook, beforeEach: noHook, afterEach: noHook,
  });
}
