import { setTimeout as delay } from 'node:timers/promises';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { AllStreamPosition, type UUID } from '@eventstore/db-client/generated/shared_pb';
import type { Status } from '@eventstore/db-client/generated/status_pb';
import { ANY, NO_STREAM, STREAM_EXISTS, sizeOnDisk } from './append-rules';
import type { AppendFault } from './faults';
import { commitWrite, type NodeState, type StandInContext, type WriteOutcome } from './stand-in-context';
import type { ProposedEvent } from './transaction-log';
import {
  maximumAppendSizeStatus,
  notHandledStatus,
  notLeaderError,
  streamIdentifier,
  streamNameOf,
  timeoutStatus,
  uuidOf,
  wrongExpectedVersionStatus,
} from './wire-codec';

type Call = ServerDuplexStream<BatchAppendReq, BatchAppendResp>;

interface PendingWrite {
  readonly correlationId: UUID;
  readonly streamName: string;
  readonly expected: bigint;
  readonly events: ProposedEvent[];
  size: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * Streams.BatchAppend as 24.10 serves it: one long-lived call carries many appends, told apart by correlation id.
 * An append's chunks accumulate until the one marked final (within the write timeout, counted from the first
 * chunk, capped by the client's deadline); its size is checked as chunks arrive; then it is committed and
 * answered on the call. A node that is not the leader, asked for the leader, fails the whole call with NotLeader.
 */
export function batchAppendHandler(context: StandInContext, node: NodeState) {
  return (call: Call): void => {
    const requiresLeader = call.metadata.get('requires-leader')[0] === 'true';
    const pending = new Map<string, PendingWrite>();
    let closed = false;
    const answer = (response: BatchAppendResp): void => {
      if (!closed) call.write(response);
    };
    const fail = (error: Error): void => {
      if (closed) return;
      closed = true;
      for (const write of pending.values()) clearTimeout(write.timer);
      call.emit('error', error);
    };
    call.on('cancelled', () => {
      closed = true;
      for (const write of pending.values()) clearTimeout(write.timer);
    });
    call.on('end', () => {
      if (!closed) call.end();
    });
    call.on('data', (request: BatchAppendReq) => {
      const write = accumulate(context, request, pending, answer);
      if (!write || !request.getIsFinal()) return;
      pending.delete(uuidOf(write.correlationId));
      clearTimeout(write.timer);
      if (requiresLeader && node.role !== 'leader') return fail(notLeaderError(context.leaderEndpoint()));
      void commit(context, write).then(answer, fail);
    });
  };
}

/** Adds a chunk to its append; null when the append is unknown or was just refused (and answered). */
function accumulate(
  context: StandInContext,
  request: BatchAppendReq,
  pending: Map<string, PendingWrite>,
  answer: (response: BatchAppendResp) => void,
): PendingWrite | null {
  const correlationId = request.getCorrelationId()!;
  const key = uuidOf(correlationId);
  const options = request.getOptions();
  if (options && !pending.has(key)) {
    const streamName = streamNameOf(options.getStreamIdentifier());
    const deadline = options.getDeadline()?.toDate().getTime() ?? Number.POSITIVE_INFINITY;
    const timeout = Math.min(deadline - Date.now(), context.settings.writeTimeoutMs);
    const refuse = (error: Status) => answer(errorResponse(correlationId, streamName, error));
    if (timeout <= 0) return (refuse(timeoutStatus()), null);
    const timer = setTimeout(() => pending.delete(key) && refuse(timeoutStatus()), timeout);
    pending.set(key, { correlationId, streamName, expected: expectedOf(options), events: [], size: 0, timer });
  }
  const write = pending.get(key);
  if (!write) return null;
  for (const message of request.getProposedMessagesList()) {
    const event = proposedEvent(message);
    write.events.push(event);
    write.size += sizeOnDisk(event);
  }
  if (write.size <= context.settings.maxAppendSizeBytes) return write;
  pending.delete(key);
  clearTimeout(write.timer);
  answer(errorResponse(correlationId, write.streamName, maximumAppendSizeStatus(context.settings.maxAppendSizeBytes)));
  return null;
}

async function commit(context: StandInContext, write: PendingWrite): Promise<BatchAppendResp> {
  const respond = (error: Status) => errorResponse(write.correlationId, write.streamName, error);
  const fault: AppendFault | undefined = context.faults.takeAppend(write.streamName);
  const now = () => outcome(context, write);
  switch (fault?.kind) {
    case undefined:
      await context.beforeCommit?.(write.streamName);
      return now();
    case 'not-ready':
      return respond(notHandledStatus('Server Is Not Ready'));
    case 'too-busy':
      return respond(notHandledStatus('Server Is Busy'));
    case 'commit-timeout':
      await delay(context.settings.commitTimeoutMs);
      if (fault.lands) now();
      return respond(timeoutStatus());
    case 'slow-commit':
      if (fault.ms <= context.settings.commitTimeoutMs) return delay(fault.ms).then(now);
      setTimeout(now, fault.ms);
      await delay(context.settings.commitTimeoutMs);
      return respond(timeoutStatus());
    default: {
      const unknown: never = fault;
      throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
    }
  }
}

function outcome(context: StandInContext, write: PendingWrite): BatchAppendResp {
  const result: WriteOutcome = commitWrite(context, write.streamName, write.expected, write.events);
  if (!result.ok) {
    return errorResponse(
      write.correlationId,
      write.streamName,
      wrongExpectedVersionStatus(result.current, write.expected),
    );
  }
  const position = result.last.position.toString();
  const success = new BatchAppendResp.Success()
    .setCurrentRevision(result.last.revision.toString())
    .setPosition(new AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
  return new BatchAppendResp()
    .setCorrelationId(write.correlationId)
    .setStreamIdentifier(streamIdentifier(write.streamName))
    .setSuccess(success);
}

function errorResponse(correlationId: UUID, streamName: string, error: Status): BatchAppendResp {
  return new BatchAppendResp()
    .setCorrelationId(correlationId)
    .setStreamIdentifier(streamIdentifier(streamName))
    .setError(error);
}

function expectedOf(options: BatchAppendReq.Options): bigint {
  const Case = BatchAppendReq.Options.ExpectedStreamPositionCase;
  switch (options.getExpectedStreamPositionCase()) {
    case Case.STREAM_POSITION:
      return BigInt(options.getStreamPosition());
    case Case.NO_STREAM:
      return NO_STREAM;
    case Case.STREAM_EXISTS:
      return STREAM_EXISTS;
    case Case.ANY:
    case Case.EXPECTED_STREAM_POSITION_NOT_SET:
      return ANY;
  }
}

function proposedEvent(message: BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: uuidOf(message.getId()),
    type: metadata.get('type') ?? '',
    isJson: metadata.get('content-type') === 'application/json',
    data: Buffer.from(message.getData_asU8()),
    metadata: Buffer.from(message.getCustomMetadata_asU8()),
  };
}
