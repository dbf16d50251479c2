// Under jest.eventstoredb.config.js the HTTP e2e suites run on the EventStoreDB adapter: test/e2e/support starts
// the app with EVENT_STORE taken from E2E_EVENT_STORE. global-setup.ts has set EVENTSTORE_CONNECTION_STRING (to
// the server given, or to the wire stand-in it started) before any test file loads.
if (!process.env.EVENTSTORE_CONNECTION_STRING) {
  throw new Error('EVENTSTORE_CONNECTION_STRING is not set: run these suites with npm run test:eventstoredb');
}
process.env.E2E_EVENT_STORE = 'eventstoredb';
