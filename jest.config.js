/** Unit, contract and e2e suites. The EventStoreDB suites have their own config (jest.eventstoredb.config.js). */
const fs = require('fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  // npm test leaves out the SIGKILL and audit-CLI suites (JEST_SKIP_DURABILITY=1): `npm run test:durability` runs
  // them, and test:thread in the thread's mode; CI runs both. With them, npm test took over 5 minutes on 2 cores.
  testPathIgnorePatterns: [
    '/node_modules/',
    '/dist/',
    '\\.eventstoredb\\.',
    ...(process.env.JEST_SKIP_DURABILITY === '1' ? ['/test/store-kill/', '/test/audit/'] : []),
  ],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // jose 6 ships ES modules only; jest's module system loads CommonJS, so its files are compiled like ours.
    '^.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: {
    '^@pks/(domain|event-store|application|projections|infrastructure)$': '<rootDir>/libs/$1/src',
    '^@pks/(domain|event-store|application|projections|infrastructure)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testTimeout: 60000,
};
