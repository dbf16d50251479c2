import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

/** A call of Streams.Read: one request, a stream of responses. */
export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** Writes responses in order, waiting whenever the client's window is full; stops if the call goes away. */
export async function send(call: ReadCall, responses: readonly ReadResp[]): Promise<void> {
  for (const response of responses) {
    if (call.cancelled || call.destroyed) return;
    if (!call.write(response)) await drained(call);
  }
}

export function drained(call: ReadCall): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
}
