import type { JSONEventData } from '@eventstore/db-client';
import { AppendTooLargeError } from '../event-store.errors';

/** EventStoreDB's default MaxAppendSize (1 MiB); the server's figure is set with EVENTSTORE_MAX_APPEND_SIZE. */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

/**
 * The size EventStoreDB counts against MaxAppendSize for these events: for each, its data and metadata as the
 * client sends them (UTF-8 JSON) plus twice the length of its type (the server's Event.SizeOnDisk).
 */
export function appendSize(events: readonly JSONEventData[]): number {
  let size = 0;
  for (const event of events) {
    size += Buffer.byteLength(JSON.stringify(event.data), 'utf8');
    if (event.metadata) size += Buffer.byteLength(JSON.stringify(event.metadata), 'utf8');
    size += event.type.length * 2;
  }
  return size;
}

/**
 * Refuses, before anything is written (the idempotency claim included), an append the server would refuse for its
 * size: the server's refusal would come only after the claim, as an error the application cannot tell from a
 * failure.
 */
export function assertAppendFits(streamId: string, events: readonly JSONEventData[], limitBytes: number): void {
  const size = appendSize(events);
  if (size > limitBytes) throw new AppendTooLargeError(streamId, size, limitBytes);
}
