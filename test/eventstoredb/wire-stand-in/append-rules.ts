import type { LogRecord, ProposedEvent, TransactionLog } from './transaction-log';

/** EventStoreDB's expected versions: a revision (>= 0) or one of its negative markers. */
export const NO_STREAM = -1n;
export const ANY = -2n;
export const STREAM_EXISTS = -4n;

/**
 * What the server decides about a write (its IndexWriter.CheckCommit, 24.10):
 * - ok: write it;
 * - idempotent: the same event ids already sit where the write would put them; answer success, write nothing;
 * - wrong-expected-version: refuse, telling the stream's current revision (-1: no stream).
 */
export type CommitDecision =
  | { readonly decision: 'ok' }
  | { readonly decision: 'idempotent'; readonly last: LogRecord }
  | { readonly decision: 'wrong-expected-version'; readonly current: bigint };

/**
 * Exact-revision idempotency: with an expected revision (or no-stream) behind the stream's current one, the write
 * is idempotent when every event id is found at the revision the write would have given it; when the first one
 * differs it is a conflict, and so is a partial match (the server's "corrupted idempotency"). With any or
 * stream-exists, ids are looked up wherever they are in the stream (the server only remembers recent ids in a
 * bounded cache; the stand-in remembers them all).
 */
export function checkCommit(
  log: TransactionLog,
  streamName: string,
  expected: bigint,
  events: readonly ProposedEvent[],
): CommitDecision {
  const current = log.lastRevision(streamName);
  if (expected === STREAM_EXISTS && current < 0n) return conflict(current);
  if (expected === ANY || expected === STREAM_EXISTS) return checkById(log, streamName, events, current);
  if (expected < current) return checkAtRevisions(log, streamName, expected, events, current);
  return expected > current ? conflict(current) : { decision: 'ok' };
}

/** Size of an append as the server counts it against MaxAppendSize: data + metadata + 2 x the type's length. */
export function sizeOnDisk(event: ProposedEvent): number {
  return event.data.length + event.metadata.length + event.type.length * 2;
}

function checkById(
  log: TransactionLog,
  streamName: string,
  events: readonly ProposedEvent[],
  current: bigint,
): CommitDecision {
  const found = events.map((event) => log.withId(streamName, event.id));
  if (found[0] === undefined) return { decision: 'ok' };
  const last = found[found.length - 1];
  return found.every((record) => record !== undefined) && last ? { decision: 'idempotent', last } : conflict(current);
}

function checkAtRevisions(
  log: TransactionLog,
  streamName: string,
  expected: bigint,
  events: readonly ProposedEvent[],
  current: bigint,
): CommitDecision {
  const stream = log.stream(streamName) ?? [];
  const slots = events.map((event, i) => stream[Number(expected) + 1 + i]);
  const matches = slots.every((record, i) => record?.id === events[i].id);
  const last = slots[slots.length - 1];
  return matches && last ? { decision: 'idempotent', last } : conflict(current);
}

function conflict(current: bigint): CommitDecision {
  return { decision: 'wrong-expected-version', current };
}
