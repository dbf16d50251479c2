// Under jest.eventstoredb.config.js the HTTP e2e suites run against EventStoreDB: test/e2e/support starts the app
// with EVENT_STORE taken from E2E_EVENT_STORE. Without a connection string, e2e-on-eventstoredb.ts skips them.
if (process.env.EVENTSTORE_CONNECTION_STRING) process.env.E2E_EVENT_STORE = 'eventstoredb';
