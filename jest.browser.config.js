/**
 * The dashboard in a real browser: playwright-core driving Debian's Chromium headless against the service on
 * known data (npm run test:browser builds web/dist first). Screenshots go to test-output/browser/ (git-ignored).
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120000,
};
