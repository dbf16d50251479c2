import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  IdempotencyRecord,
  IndexHit,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReadTypesOptions,
  RecordedEvent,
} from '../../event-store.port';
import { assertReadTypesOptions, readTypesByPages } from '../../append-validation';

/**
 * Runs the shared contract suite (event-store.contract.ts) against EventStoreDB. Test code only.
 *
 * The suite was written against stores whose positions are dense (1, 2, 3...) and start empty for every test.
 * EventStoreDB's positions are ordered byte offsets, and a test server is shared by every test. So each test gets
 * a store with its own stream prefix, wrapped in {@link DensePositionsView}, which renumbers positions 1..n in
 * their order. What the suite checks about positions then still holds for EventStoreDB: every event appears in
 * readAll once, in commit order, with nothing skipped and nothing foreign; paging by `after` resumes exactly.
 */
export class DensePositionsView implements EventStore {
  readonly densePositions = true;
  /** Real positions of every event appended through this view, ascending. */
  private readonly known: number[] = [];

  constructor(private readonly inner: EventStore) {}

  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const condition = options?.condition && { ...options.condition, after: this.real(options.condition.after) };
    const result = await this.inner.append(streamId, expected, events, options && { ...options, condition });
    for (const event of result.events) this.learn(event.position);
    return { ...result, position: this.rank(result.position), events: result.events.map((e) => this.renumber(e)) };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((e) => this.renumber(e));
  }

  streamVersion(streamId: string): Promise<number> {
    return this.inner.streamVersion(streamId);
  }

  /** The real position of a dense one this view handed out (0 stays 0). */
  private real(dense: number): number {
    return dense > 0 ? this.known[Math.min(dense, this.known.length) - 1] : dense;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, limit } = options;
    const realAfter =
      Number.isSafeInteger(after) && after > 0 ? this.known[Math.min(after, this.known.length) - 1] : after;
    if (Number.isSafeInteger(after) && after > this.known.length) return [];
    return (await this.inner.readAll({ after: realAfter, limit })).map((e) => this.renumber(e));
  }

  async readTypes(options: ReadTypesOptions): Promise<RecordedEvent[]> {
    assertReadTypesOptions(options);
    return readTypesByPages((page) => this.readAll(page), options);
  }

  async headPosition(): Promise<number> {
    const head = await this.inner.headPosition();
    return head === 0 ? 0 : this.rank(head);
  }

  async lookup(keys: readonly string[]): Promise<IndexHit[]> {
    return (await this.inner.lookup(keys)).map((hit) => ({ ...hit, position: this.rank(hit.position) }));
  }

  readCheckpoint(name: string): Promise<number> {
    return this.inner.readCheckpoint(name);
  }

  saveCheckpoint(name: string, position: number): Promise<void> {
    return this.inner.saveCheckpoint(name, position);
  }

  async findIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    const record = await this.inner.findIdempotencyRecord(key);
    return record && { ...record, position: this.rank(record.position) };
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private renumber(event: RecordedEvent): RecordedEvent {
    return { ...event, position: this.rank(event.position) };
  }

  /** Positions are learnt from appends only, never from readAll: a readAll that skipped an event shows a gap. */
  private learn(position: number): void {
    let i = this.known.length;
    while (i > 0 && this.known[i - 1] > position) i--;
    if (this.known[i - 1] !== position) this.known.splice(i, 0, position);
  }

  private rank(position: number): number {
    const index = this.known.indexOf(position);
    if (index < 0) throw new Error(`position ${position} was not returned by any append through this view`);
    return index + 1;
  }
}

/**
 * Calls `define` (which declares jest tests through the global `it`) with the tests named in `deviations`
 * declared as skipped, the reason in their title. For contract cases a store cannot meet by design; each one
 * belongs in the store's documentation too.
 */
export function withDeviations(deviations: Readonly<Record<string, string>>, define: () => void): void {
  const original = globalThis.it;
  const patched = Object.assign((title: string, fn?: jest.ProvidesCallback, timeout?: number) => {
    const reason = deviations[title];
    return reason === undefined ? original(title, fn, timeout) : original.skip(`${title} — skipped: ${reason}`, fn);
  }, original);
  globalThis.it = patched as typeof it;
  try {
    define();
  } finally {
    globalThis.it = original;
  }
}

/** Contract cases EventStoreDB does not meet, with the reason. */
export const EVENTSTOREDB_DEVIATIONS: Readonly<Record<string, string>> = {
  'rejects an eventId already recorded, or repeated in the batch, and writes nothing':
    'EventStoreDB keeps no index of event ids across streams (a repeat within one batch is still rejected)',
};
