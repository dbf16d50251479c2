/**
 * `npm run test:eventstoredb`: the store contract suite (test/eventstoredb) and the HTTP e2e suites (test/e2e)
 * against the EventStoreDB named by EVENTSTORE_CONNECTION_STRING. Without it, every one of those tests is
 * reported as skipped, with that reason in its title. Same transform and module mapping as jest.config.js.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/eventstoredb/**/*.spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['<rootDir>/test/eventstoredb/eventstoredb-env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/eventstoredb/e2e-on-eventstoredb.ts'],
};
