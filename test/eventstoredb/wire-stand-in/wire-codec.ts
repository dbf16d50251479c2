import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import {
  MaximumAppendSizeExceeded,
  StreamIdentifier,
  Timeout,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { ANY, NO_STREAM, STREAM_EXISTS } from './append-rules';
import type { LogRecord } from './transaction-log';

/**
 * The protobuf shapes of EventStoreDB 24.10's gRPC API, built with the message classes that ship in
 * @eventstore/db-client: identifiers, recorded events, and the two ways the server reports errors (a google.rpc
 * Status inside a batch-append response, or a call that ends with a status code and `exception` trailers).
 */

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(streamName: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8')));
}

/** The text of a UUID message, whichever of its two forms the client used. */
export function uuidOf(uuid: UUID | undefined): string {
  if (!uuid) throw new Error('a UUID is required');
  if (!uuid.hasStructured()) return uuid.getString();
  const structured = uuid.getStructured()!;
  const bytes = Buffer.alloc(16);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())), 0);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function eventResponse(record: LogRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(Uint8Array.from(record.data))
    .setCustomMetadata(Uint8Array.from(record.metadata));
  recorded.getMetadataMap().set('type', record.type);
  recorded.getMetadataMap().set('created', record.created.toString());
  recorded.getMetadataMap().set('content-type', record.isJson ? 'application/json' : 'application/octet-stream');
  const event = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.toString());
  return new ReadResp().setEvent(event);
}

/** google.rpc.Status as the batch-append handler sends it; `details` packed the way Any.Pack does in .NET. */
export function rpcStatus(code: number, message: string, details: { serializeBinary(): Uint8Array }, name: string) {
  const any = new Any();
  any.pack(details.serializeBinary(), name);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

export function wrongExpectedVersionStatus(current: bigint, expected: bigint): Status {
  const details = new WrongExpectedVersion();
  if (current < 0n) details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected === ANY) details.setExpectedAny(new Empty());
  else if (expected === NO_STREAM) details.setExpectedNoStream(new Empty());
  else if (expected === STREAM_EXISTS) details.setExpectedStreamExists(new Empty());
  else details.setExpectedStreamPosition(expected.toString());
  return rpcStatus(status.ALREADY_EXISTS, 'WrongExpectedVersion', details, 'event_store.client.WrongExpectedVersion');
}

export function timeoutStatus(): Status {
  return rpcStatus(status.DEADLINE_EXCEEDED, 'Timeout', new Timeout(), 'event_store.client.Timeout');
}

export function maximumAppendSizeStatus(maxAppendSize: number): Status {
  const details = new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize);
  return rpcStatus(
    status.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    details,
    'event_store.client.MaximumAppendSizeExceeded',
  );
}

/** A node that cannot take the write: no status code, an Empty in the details, the reason in the message. */
export function notHandledStatus(message: 'Server Is Not Ready' | 'Server Is Busy'): Status {
  return rpcStatus(status.OK, message, new Empty(), 'google.protobuf.Empty');
}

/** The error a call ends with, as the server's RpcExceptions build it. */
export function callError(code: status, details: string, trailers: Readonly<Record<string, string>> = {}) {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata }) as ServiceError;
}

export function notLeaderError(leader: { host: string; port: number }): ServiceError {
  return callError(status.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': leader.host,
    'leader-endpoint-port': String(leader.port),
  });
}

export function streamNotFoundResponse(streamName: string): ReadResp {
  return new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)),
  );
}
