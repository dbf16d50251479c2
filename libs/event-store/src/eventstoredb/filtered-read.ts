import {
  BACKWARDS,
  ErrorType,
  type AllStreamResolvedEvent,
  type BaseOptions,
  type Direction,
  type EventStoreDBClient,
  type ReadPosition,
  type StreamingRead,
} from '@eventstore/db-client';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';

/** A read of `$all` that the server filters by stream name, returning at most `maxCount` matching events. */
export interface FilteredReadAllOptions {
  readonly fromPosition: ReadPosition;
  readonly maxCount: number;
  /** Stream-name regex, run by the server (.NET syntax; the adapter writes the subset JavaScript shares). */
  readonly streamNameRegex: string;
  readonly direction?: Direction;
}

export type ReadAllFiltered = (options: FilteredReadAllOptions) => StreamingRead<AllStreamResolvedEvent>;

/**
 * The part of the client @eventstore/db-client 6.2.1 keeps to itself and that a filtered read needs: its gRPC
 * stream factory (discovery, leader, reconnection) and its call arguments (credentials, deadline).
 */
type GrpcRead = ReturnType<StreamsClient['read']>;
interface ClientInternals {
  readonly GRPCStreamCreator?: (
    client: typeof StreamsClient,
    debugName: string,
    creator: (client: StreamsClient) => GrpcRead,
  ) => () => Promise<GrpcRead>;
  /** The call's metadata (connection name, credentials, requires-leader) and options (deadline). */
  readonly callArguments?: (options: BaseOptions, callOptions: { deadline: number }) => [unknown, unknown];
}

/** gRPC's status code UNIMPLEMENTED (the client's dependency @grpc/grpc-js is not one of the ledger's). */
const GRPC_UNIMPLEMENTED = 12;

/**
 * A filtered read of `$all` through `client`, or undefined when this client offers no way to send one.
 *
 * EventStoreDB serves reads of `$all` filtered on the server (Streams.Read with FilterOptions, forwards and
 * backwards: ReadAllForwardsFiltered / ReadAllBackwardsFiltered in its sources since 20.6), so the events of other
 * ledgers and system events are skipped there instead of crossing the network. Client 6.2.1 filters only
 * subscriptions; this builds the same request its readAll does, with a stream-name filter instead of none, and
 * sends it on the client's own channel. Its ServerFeatures do not advertise the filter: a server that cannot
 * serve it answers UNIMPLEMENTED ({@link isFilteredReadUnsupported}), and the adapter filters on its side.
 */
export function filteredReads(client: EventStoreDBClient): ReadAllFiltered | undefined {
  const internals = client as unknown as ClientInternals;
  const { GRPCStreamCreator, callArguments } = internals;
  if (typeof GRPCStreamCreator !== 'function' || typeof callArguments !== 'function') return undefined;
  return (options) => {
    const request = new ReadReq().setOptions(readOptions(options));
    const createStream = GRPCStreamCreator(StreamsClient, 'readAllFiltered', (grpc) => {
      const [metadata, callOptions] = callArguments({}, { deadline: Infinity });
      return (grpc.read as (...args: unknown[]) => GrpcRead).call(grpc, request, metadata, callOptions);
    });
    return new ReadStream(createStream, convertGrpcEvent, {}) as unknown as StreamingRead<AllStreamResolvedEvent>;
  };
}

/** Whether a filtered read failed because the server does not serve filtered reads of `$all`. */
export function isFilteredReadUnsupported(error: unknown): boolean {
  const { type, code } = (error ?? {}) as { type?: unknown; code?: unknown };
  return type === ErrorType.UNKNOWN && code === GRPC_UNIMPLEMENTED;
}

function readOptions({ fromPosition, maxCount, streamNameRegex, direction }: FilteredReadAllOptions) {
  const all = new ReadReq.Options.AllOptions();
  if (fromPosition === 'start') all.setStart(new Empty());
  else if (fromPosition === 'end') all.setEnd(new Empty());
  else {
    const position = new ReadReq.Options.Position()
      .setCommitPosition(fromPosition.commit.toString(10))
      .setPreparePosition(fromPosition.prepare.toString(10));
    all.setPosition(position);
  }
  const filter = new ReadReq.Options.FilterOptions()
    .setStreamIdentifier(new ReadReq.Options.FilterOptions.Expression().setRegex(streamNameRegex))
    // A read's window is its count: the server rejects a search window at or below it.
    .setCount(new Empty())
    .setCheckpointintervalmultiplier(1);
  return new ReadReq.Options()
    .setAll(all)
    .setResolveLinks(false)
    .setCount(String(maxCount))
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
    .setFilter(filter)
    .setReadDirection(direction === BACKWARDS ? 1 : 0);
}
