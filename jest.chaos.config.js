/**
 * `npm run test:chaos`: the crash-under-load suite (test/chaos), the real service SIGKILLed under load. Too long
 * for `npm test`; `.ci/run` runs it after. Same transform and module mapping as jest.config.js.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/chaos'],
  testMatch: ['**/*.chaos-spec.ts'],
  testTimeout: 600_000,
};
