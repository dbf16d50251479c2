/**
 * `npm run test:import`: the 100,402-member import (test/import), killed half-way and run again, and the export
 * of that member list with the service's memory sampled. About two minutes on 2 cores; `.ci/run` runs it after
 * `npm test`. Same transform and module mapping as jest.config.js.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/import'],
  testMatch: ['**/*.import-spec.ts'],
  testTimeout: 900_000,
};
