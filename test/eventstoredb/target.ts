/**
 * Which server `npm run test:eventstoredb` runs against, as set by global-setup.ts: the EventStoreDB named by
 * EVENTSTORE_CONNECTION_STRING, or, without it, the wire stand-in started for the run. Suites put this in their
 * titles so that no output can pass a stand-in run off as an EventStoreDB one.
 */
export interface EventStoreTarget {
  readonly kind: 'wire-stand-in' | 'eventstoredb';
  /** For titles: "the wire stand-in" or "EventStoreDB". */
  readonly label: string;
  readonly connectionString: string;
}

export function eventStoreTarget(): EventStoreTarget {
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) {
    throw new Error('EVENTSTORE_CONNECTION_STRING is not set: run these suites with npm run test:eventstoredb');
  }
  return process.env.EVENTSTORE_TARGET === 'wire-stand-in'
    ? { kind: 'wire-stand-in', label: 'the wire stand-in', connectionString }
    : { kind: 'eventstoredb', label: 'EventStoreDB', connectionString };
}
