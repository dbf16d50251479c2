import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type RecordedEvent as StoredEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { isDiscoveryFailure, isNotLeader, isStreamNotFound, mapError } from './error-mapping';
import { filteredReads, type ReadAllFiltered } from './filtered-read';

/**
 * The part of @eventstore/db-client's client that the adapter uses, with the client's own types: the real
 * client is assignable to it, and tests can hand in a double. `readAllFiltered`, which the client lacks, is
 * there when a filtered read of `$all` can be sent (filtered-read.ts).
 */
export type EventStoreDbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
> & { readonly readAllFiltered?: ReadAllFiltered };

/**
 * Opens a client; no I/O happens until the first call (the client connects, and discovers a cluster, lazily).
 *
 * The client is replaced after an append fails to discover the cluster: @eventstore/db-client 6.2.1 keeps the
 * failed discovery as its answer to "which server features are there", and every later append fails with it,
 * however healthy the cluster is again (reads, which do not ask, recover).
 */
export function connect(connectionString: string): EventStoreDbClient {
  let current = EventStoreDBClient.connectionString(connectionString);
  const appendToStream = (async (...args: Parameters<EventStoreDBClient['appendToStream']>) => {
    const used = current;
    try {
      return await used.appendToStream(...args);
    } catch (error) {
      if (isDiscoveryFailure(error) && used === current) {
        current = EventStoreDBClient.connectionString(connectionString);
        void used.dispose();
      }
      throw error;
    }
  }) as EventStoreDBClient['appendToStream'];
  return {
    appendToStream,
    readStream: ((...args: Parameters<EventStoreDBClient['readStream']>) =>
      current.readStream(...args)) as EventStoreDBClient['readStream'],
    readAll: ((...args: Parameters<EventStoreDBClient['readAll']>) =>
      current.readAll(...args)) as EventStoreDBClient['readAll'],
    subscribeToAll: ((...args: Parameters<EventStoreDBClient['subscribeToAll']>) =>
      current.subscribeToAll(...args)) as EventStoreDBClient['subscribeToAll'],
    ...(filteredReads(current) && { readAllFiltered: (options) => filteredReads(current)!(options) }),
    dispose: () => current.dispose(),
  };
}

/**
 * Appends at `expectedRevision`; a refusal always throws the client's WrongExpectedVersionError. With
 * `throwOnAppendFailure=false` in the connection string the client reports a conflict as a result instead (and,
 * in 6.2.1's batch append, with a wrong current revision): taken for success, a lost race would be reported as
 * an append made. So the result is checked, and the stream's actual revision read.
 */
export async function appendExpecting(
  client: EventStoreDbClient,
  streamName: string,
  events: EventData[],
  expectedRevision: AppendExpectedRevision,
): Promise<AppendResult> {
  const result = await client.appendToStream(streamName, events, { expectedRevision });
  if (result.success) return result;
  const last = await readLast(client, streamName);
  throw new WrongExpectedVersionError(undefined, {
    streamName,
    expected: expectedRevision,
    current: last ? last.revision : NO_STREAM,
  });
}

/**
 * Runs `call` again, once, when the node asked said it is not the leader: the client has then switched to the
 * leader it named. Safe for appends, which name the exact revision they expect.
 */
export async function onLeader<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isNotLeader(error)) throw error;
    // The client switches channels once its own handler of the failed call has run.
    await new Promise((resolve) => setImmediate(resolve));
    return call();
  }
}

/** Every event of a read, in order; a stream that does not exist reads as empty. */
export async function collect(
  read: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>,
  what: string,
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  try {
    for await (const resolved of read) if (resolved.event) events.push(resolved.event);
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw mapError(error, what);
  }
  return events;
}

/** The last event of a stream, or null when the stream does not exist. */
export async function readLast(client: EventStoreDbClient, streamName: string): Promise<StoredEvent | null> {
  const read = client.readStream(streamName, {
    direction: BACKWARDS,
    fromRevision: END,
    maxCount: 1,
    requiresLeader: true,
  });
  const [last] = await collect(read, `read of ${streamName}`);
  return last ?? null;
}

/** The event at `revision`, or null when the stream has no such event. */
export async function readAt(
  client: EventStoreDbClient,
  streamName: string,
  revision: bigint,
): Promise<StoredEvent | null> {
  const read = client.readStream(streamName, { fromRevision: revision, maxCount: 1, requiresLeader: true });
  const [event] = await collect(read, `read of ${streamName}`);
  return event !== undefined && event.revision === revision ? event : null;
}
