import { status } from '@grpc/grpc-js';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { send, type ReadCall } from './call-writing';
import type { NodeState, StandInContext } from './stand-in-context';
import { filterOf, subscribeToAll } from './subscription';
import type { LogRecord } from './transaction-log';
import { callError, eventResponse, notLeaderError, streamNameOf, streamNotFoundResponse } from './wire-codec';

/**
 * Streams.Read: reads of a stream or of `$all`, forwards or backwards, and subscriptions to `$all`.
 * - a stream read starts at its revision (inclusive either way); a missing stream answers StreamNotFound;
 * - a forward read of `$all` includes the event at its start position, a backward one stops before it;
 * - a position must be where a record starts (or the end of the log), else "invalid position";
 * - a read that requires the leader, sent to a follower, fails with NotLeader and the leader's endpoint;
 * - a read of `$all` with a filter (ReadAllForwardsFiltered / ReadAllBackwardsFiltered) returns up to `count`
 *   matching events, searching on to the end; with `filteredReads: false` it is UNIMPLEMENTED, as by a server
 *   (or a proxy) that cannot serve it.
 */
export function readHandler(context: StandInContext, node: NodeState) {
  return (call: ReadCall): void => {
    const options = call.request.getOptions()!;
    const target = options.hasAll() ? '$all' : streamNameOf(options.getStream()?.getStreamIdentifier());
    const refusal = refuse(context, node, call, target);
    if (refusal) return void call.emit('error', refusal);
    if (options.hasSubscription()) {
      if (!options.hasAll()) return void call.emit('error', callError(status.UNIMPLEMENTED, 'not modelled'));
      return subscribeToAll(context, call, options);
    }
    if (options.hasFilter() && (!options.hasAll() || !context.settings.filteredReads)) {
      return void call.emit('error', callError(status.UNIMPLEMENTED, 'not modelled'));
    }
    const records = options.hasAll() ? readAll(context, options) : readStream(context, target, options);
    if (records === 'invalid-position') {
      return void call.emit('error', callError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.'));
    }
    void send(call, records === null ? [streamNotFoundResponse(target)] : records.map(eventResponse)).then(() =>
      call.end(),
    );
  };
}

function refuse(context: StandInContext, node: NodeState, call: ReadCall, target: string): Error | null {
  if (call.metadata.get('requires-leader')[0] === 'true' && node.role !== 'leader') {
    return notLeaderError(context.leaderEndpoint());
  }
  const fault = context.faults.takeRead(target);
  if (fault?.kind === 'not-ready') return callError(status.UNAVAILABLE, 'Server Is Not Ready');
  if (fault?.kind === 'too-busy') return callError(status.UNAVAILABLE, 'Server Is Too Busy');
  return null;
}

function readStream(context: StandInContext, streamName: string, options: ReadReq.Options): LogRecord[] | null {
  const stream = context.log.stream(streamName);
  if (!stream) return null;
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const from = options.getStream()!;
  const count = Number(options.getCount());
  const revision = from.hasRevision() ? Number(from.getRevision()) : from.hasEnd() ? stream.length - 1 : 0;
  if (!backwards) return from.hasEnd() ? [] : stream.slice(revision, revision + count);
  const first = Math.min(revision, stream.length - 1);
  return stream.slice(Math.max(0, first - count + 1), first + 1).reverse();
}

function readAll(context: StandInContext, options: ReadReq.Options): LogRecord[] | 'invalid-position' {
  const log = context.log;
  const from = options.getAll()!;
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
  const count = Number(options.getCount());
  let index = from.hasStart() ? 0 : log.length;
  if (from.hasPosition()) {
    const position = from.getPosition()!;
    const found = position.getCommitPosition() === position.getPreparePosition();
    const at = found ? log.indexAt(BigInt(position.getCommitPosition())) : null;
    if (at === null) return 'invalid-position';
    index = at;
  }
  const allows = filterOf(options)?.allows ?? (() => true);
  const records: LogRecord[] = [];
  const take = (record: LogRecord) => allows(record) && records.push(record);
  if (backwards) for (let i = index - 1; i >= 0 && records.length < count; i--) take(log.at(i)!);
  else for (let i = index; i < log.length && records.length < count; i++) take(log.at(i)!);
  return records;
}
