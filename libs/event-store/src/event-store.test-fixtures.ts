import { randomUUID } from 'node:crypto';
import type { EventIndexer, EventMetadata, EventStore, NewEvent, RecordedEvent } from './event-store.port';

/** Test helpers shared by the contract suite and adapter-specific specs. Not part of the public API. */

/** Gives the tests of one suite the store of the running test. */
export interface ContractContext {
  readonly store: EventStore;
}

let counter = 0;

export function metadataFor(overrides: Partial<EventMetadata> = {}): EventMetadata {
  counter += 1;
  return {
    recordedAt: '2025-03-04T05:06:07.089Z',
    actor: 'operator@dinas-tenaga-kerja',
    commandId: `cmd-${counter}`,
    correlationId: 'corr-1',
    causationId: `cmd-${counter}`,
    schemaVersion: 1,
    ...overrides,
  };
}

export function newEvent(type = 'ThingHappened', data: unknown = { n: 1 }, metadata?: EventMetadata): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: metadata ?? metadataFor() };
}

export function newEvents(count: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { i }));
}

/** Reads the whole store through `readAll`, in pages, as a projection would. */
export async function readEverything(store: EventStore, pageSize = 97): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all.length ? all[all.length - 1].position : 0, limit: pageSize });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

/** 1..n */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** Asserts the store still holds exactly `head` events, and `streamId` is at `version`. */
export async function expectUnchanged(
  store: EventStore,
  head: number,
  streamId: string,
  version: number,
): Promise<void> {
  expect(await store.headPosition()).toBe(head);
  expect(await store.streamVersion(streamId)).toBe(version);
  expect(await store.readStream(streamId)).toHaveLength(version);
}

/**
 * The indexer every adapter runs the contract with: an event's `data.keys` become entries and its
 * `data.uniqueKeys` unique entries.
 */
export const CONTRACT_INDEXER: EventIndexer = {
  id: 'contract-v1',
  keysOf: (event) => {
    const data = (event.data ?? {}) as { keys?: string[]; uniqueKeys?: string[] };
    return [
      ...(data.keys ?? []).map((key) => ({ key })),
      ...(data.uniqueKeys ?? []).map((key) => ({ key, unique: true })),
    ];
  },
};
