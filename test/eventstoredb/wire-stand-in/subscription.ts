import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { type ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { drained, type ReadCall } from './call-writing';
import type { StandInContext, SubscriptionSeen } from './stand-in-context';
import type { LogRecord } from './transaction-log';
import { callError, eventResponse } from './wire-codec';

/** The server's page size for filtered reads, and the default search window (Enumerator.ReadBatchSize). */
const READ_BATCH_SIZE = 32;
/** What the server sends for a checkpoint it has no position for yet: Position.End. */
const NO_POSITION = 18_446_744_073_709_551_615n;

interface Filter {
  readonly allows: (record: LogRecord) => boolean;
  /** Considered records between checkpoints: the client's multiplier x the search window. */
  readonly checkpointInterval: number;
  readonly window: number;
}

/**
 * A catch-up subscription to `$all` (24.10's AllSubscription / AllSubscriptionFiltered): confirmation, then the
 * history after the start position (exclusive), a checkpoint when it goes live, "caught up", then live events.
 * A filtered subscription is applied on the server and reports how far it has searched with checkpoint messages:
 * during catch-up after every `checkpointInterval` considered records (at the start of the page that reached it,
 * or the last event sent if that is later), live at the record that reached the interval.
 */
export function subscribeToAll(context: StandInContext, call: ReadCall, options: ReadReq.Options): void {
  const filter = filterOf(options);
  const from = options.getAll()!;
  const position = from.getPosition();
  const start = from.hasStart() ? 'start' : from.hasEnd() ? 'end' : BigInt(position!.getCommitPosition());
  const index = start === 'start' ? 0 : start === 'end' ? context.log.length : context.log.indexAt(start);
  if (index === null) return void call.emit('error', callError(status.INVALID_ARGUMENT, 'Invalid position.'));
  const seen: SubscriptionSeen = { from: start, filtered: filter !== null, considered: 0 };
  context.subscriptionsSeen.push(seen);
  const skipStart = typeof start === 'bigint' && context.log.at(index)?.position === start ? 1 : 0;
  const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  call.write(new ReadResp().setConfirmation(confirmation));
  void catchUp(context, call, filter, seen, index + skipStart, typeof start === 'bigint' ? start : -1n);
}

async function catchUp(
  context: StandInContext,
  call: ReadCall,
  filter: Filter | null,
  seen: SubscriptionSeen,
  first: number,
  startCheckpoint: bigint,
): Promise<void> {
  const log = context.log;
  let index = first;
  let checkpoint = startCheckpoint;
  let counter = 0;
  while (index < log.length) {
    if (call.cancelled || call.destroyed) return;
    const pageStart = log.at(index)!.position;
    const pageFirst = index;
    const end = Math.min(log.length, index + (filter?.window ?? READ_BATCH_SIZE));
    for (; index < end; index++) {
      const record = log.at(index)!;
      seen.considered += 1;
      if (filter && !filter.allows(record)) continue;
      checkpoint = record.position;
      if (!call.write(eventResponse(record))) await drained(call);
    }
    counter += end - pageFirst;
    if (filter && counter >= filter.checkpointInterval && index < log.length) {
      counter %= filter.checkpointInterval;
      if (checkpoint < pageStart) checkpoint = pageStart;
      if (!call.write(checkpointResponse(checkpoint))) await drained(call);
    }
  }
  if (call.cancelled || call.destroyed) return;
  // From here to listening, nothing awaits: no record can be written in between and be missed.
  if (filter) call.write(checkpointResponse(checkpoint));
  call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  goLive(context, call, filter, seen);
}

function goLive(context: StandInContext, call: ReadCall, filter: Filter | null, seen: SubscriptionSeen): void {
  let counter = 0;
  const stop = context.log.listen((record) => {
    seen.considered += 1;
    if (!filter || filter.allows(record)) call.write(eventResponse(record));
    if (filter && ++counter >= filter.checkpointInterval) {
      counter = 0;
      call.write(checkpointResponse(record.position));
    }
  });
  const drop = (error: Error) => {
    end();
    call.emit('error', error);
  };
  const end = () => {
    stop();
    context.liveSubscriptions.delete(drop);
  };
  context.liveSubscriptions.add(drop);
  call.on('cancelled', end);
  call.on('close', end);
}

function checkpointResponse(position: bigint): ReadResp {
  const at = (position < 0n ? NO_POSITION : position).toString();
  return new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(at).setPreparePosition(at));
}

/** The filter of a read or a subscription (stream name or event type, regex or prefixes), or null for none. */
export function filterOf(options: ReadReq.Options): Filter | null {
  const filter = options.getFilter();
  if (!options.hasFilter() || !filter) return null;
  const expression = filter.hasStreamIdentifier() ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const field = (record: LogRecord) => (filter.hasStreamIdentifier() ? record.streamName : record.type);
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  // .NET regular expressions, run here as JavaScript ones: the subset the adapter writes is the same in both.
  const pattern = regex ? new RegExp(regex) : null;
  const window = filter.hasMax() ? filter.getMax() : READ_BATCH_SIZE;
  return {
    allows: (record) => (pattern ? pattern.test(field(record)) : prefixes.some((p) => field(record).startsWith(p))),
    checkpointInterval: filter.getCheckpointintervalmultiplier() * window,
    window,
  };
}
