import { MODELLED_SERVER_VERSION } from './wire-stand-in/cluster-services';
import { WireStandIn } from './wire-stand-in/wire-stand-in';

/** The MaxAppendSize docker/ gives the server: the suites append 5,000 events, and a ~1 MB event, in one call. */
const SUITE_MAX_APPEND_SIZE = 8 * 1024 * 1024;

declare global {
  var wireStandIn: WireStandIn | undefined;
}

/**
 * Jest globalSetup of `npm run test:eventstoredb`. With EVENTSTORE_CONNECTION_STRING the suites run against that
 * server. Without it, a wire stand-in starts here, in jest's main process, and the suites run against it through
 * the real client: the variable is set to its loopback address before jest starts its workers.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.EVENTSTORE_CONNECTION_STRING) {
    process.env.EVENTSTORE_TARGET = 'eventstoredb';
    console.log(`\nEventStoreDB suites: against the EventStoreDB server named by EVENTSTORE_CONNECTION_STRING.\n`);
    return;
  }
  const standIn = await WireStandIn.start({ maxAppendSizeBytes: SUITE_MAX_APPEND_SIZE, systemNoiseEvery: 7 });
  globalThis.wireStandIn = standIn;
  process.env.EVENTSTORE_CONNECTION_STRING = standIn.connectionString();
  process.env.EVENTSTORE_TARGET = 'wire-stand-in';
  console.log(
    `\nEventStoreDB suites: EVENTSTORE_CONNECTION_STRING is not set, so they run through the real client against ` +
      `the wire stand-in at ${standIn.connectionString()} (a gRPC model of EventStoreDB ${MODELLED_SERVER_VERSION}, ` +
      'not EventStoreDB). Passing here is not passing on EventStoreDB.\n',
  );
}
