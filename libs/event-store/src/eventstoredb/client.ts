import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  type AllStreamResolvedEvent,
  type RecordedEvent as StoredEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { isStreamNotFound, mapError } from './error-mapping';

/**
 * The part of @eventstore/db-client's client that the adapter uses, with the client's own types: the real
 * client is assignable to it, and tests can hand in a double.
 */
export type EventStoreDbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

/** Opens a client; no I/O happens until the first call (the client connects, and discovers a cluster, lazily). */
export function connect(connectionString: string): EventStoreDbClient {
  return EventStoreDBClient.connectionString(connectionString);
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
