/**
 * `npm run test:eventstoredb`: the store contract suite and the adapter's wire tests (test/eventstoredb) and the
 * HTTP e2e suites (test/e2e), through the real @eventstore/db-client, against the EventStoreDB named by
 * EVENTSTORE_CONNECTION_STRING or, without it, against the wire stand-in that global-setup.ts starts on loopback.
 * The output says which (titles, first and last lines). Same transform and module mapping as jest.config.js.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/eventstoredb/**/*.spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/eventstoredb/global-setup.ts',
  globalTeardown: '<rootDir>/test/eventstoredb/global-teardown.ts',
  setupFiles: ['<rootDir>/test/eventstoredb/eventstoredb-env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/eventstoredb/e2e-on-eventstoredb.ts'],
  reporters: ['default', '<rootDir>/test/eventstoredb/target-reporter.js'],
};
