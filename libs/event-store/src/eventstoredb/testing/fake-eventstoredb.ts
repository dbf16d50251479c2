import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  ErrorType,
  END,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import type { EventStoreDbClient } from '../client';
import type { ReadAllFiltered } from '../filtered-read';

/**
 * Test double of EventStoreDB behind the client's interface, modelling what the adapter relies on, as the
 * server documents it: revisions from 0 and NO_STREAM; optimistic concurrency on the expected revision, with a
 * retried append of the same event ids at the same revision accepted without writing; `$all` commit positions
 * that are byte offsets (sparse), with system events in between; forward reads of `$all` inclusive of their start
 * position, backward reads exclusive, filtered by stream name on the server when asked (`readAllFiltered`, see
 * filtered-read.ts; or answered UNIMPLEMENTED, or not offered at all); reads of a missing stream failing with
 * StreamNotFound; catch-up subscriptions with a server-side stream-name filter. It is a model: the real server is
 * checked only by the suites under test/eventstoredb.
 */
interface StoredRecord {
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string | undefined;
  readonly position: bigint;
}

/** A failure to inject into the next append to a matching stream: before writing, or after (outcome unknown). */
export interface InjectedFailure {
  readonly stream: (streamName: string) => boolean;
  readonly when: 'before-write' | 'after-write';
  readonly error: Error;
}

/** The application's stream categories (the domain's STREAM_PREFIXES; this library does not import the domain). */
export const LEDGER_CATEGORIES: readonly string[] = ['agreement-', 'person-'];

type FakeSubscription = PassThrough & { unsubscribe(): Promise<void> };

/** How the model answers filtered reads of `$all`: serves them (24.10), refuses them, or is not asked. */
export type FilteredReads = 'served' | 'unimplemented' | 'not-offered';

export class FakeEventStoreDb {
  readonly log: StoredRecord[] = [];
  readonly failures: InjectedFailure[] = [];
  /** Write a system event after every append, as a busy server's `$all` has. */
  systemNoise = true;
  /** Runs before each append is checked: lets a test slip another writer in between a read and an append. */
  beforeAppend: ((streamName: string) => Promise<void> | void) | null = null;
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly live = new Set<{ sub: FakeSubscription; matches: (name: string) => boolean }>();
  private nextPosition = 4096n;

  readonly client: EventStoreDbClient;

  constructor(filteredReads: FilteredReads = 'served') {
    this.client = {
      ...this.baseClient,
      ...(filteredReads === 'not-offered' ? {} : { readAllFiltered: this.filtered(filteredReads) }),
    };
  }

  private readonly baseClient = {
    appendToStream: async (
      name: string,
      events: EventData | EventData[],
      options: { expectedRevision?: AppendExpectedRevision } = {},
    ) => this.append(name, Array.isArray(events) ? events : [events], options.expectedRevision ?? ANY),
    readStream: (
      name: string,
      options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {},
    ) => this.readStream(name, options),
    readAll: (options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint } = {}) =>
      this.readAll(options),
    subscribeToAll: (options: { fromPosition?: ReadPosition; filter?: Filter } = {}) => this.subscribe(options),
    dispose: async () => undefined,
  } as unknown as EventStoreDbClient;

  /** Filtered reads as the server serves them: `maxCount` matching events, searching on to the end. */
  private filtered(mode: FilteredReads): ReadAllFiltered {
    return (options) => {
      if (mode === 'unimplemented') return failing(unimplemented()) as unknown as ReturnType<ReadAllFiltered>;
      const regex = new RegExp(options.streamNameRegex);
      const all = this.readAll({ ...options, maxCount: undefined }) as unknown as AsyncIterable<AllStreamResolvedEvent>;
      return Readable.from(
        (async function* () {
          let count = 0;
          for await (const resolved of all) {
            if (count >= options.maxCount) return;
            if (!regex.test(resolved.event!.streamId)) continue;
            count += 1;
            yield resolved;
          }
        })(),
      ) as unknown as ReturnType<ReadAllFiltered>;
    };
  }

  /** Drops every live subscription with `error`, as a server restart or a network cut would. */
  dropSubscriptions(error: Error = new Error('14 UNAVAILABLE: connection dropped')): void {
    for (const entry of [...this.live]) {
      this.live.delete(entry);
      entry.sub.destroy(error);
    }
  }

  write(streamName: string, type = 'Noise', data: unknown = {}): void {
    this.store(streamName, [
      { id: randomUUID(), type, data, contentType: 'application/json', metadata: undefined } as EventData,
    ]);
  }

  private async append(name: string, events: EventData[], expected: AppendExpectedRevision) {
    await Promise.resolve(); // answers arrive asynchronously, letting concurrent appends interleave
    await this.beforeAppend?.(name);
    const failure = this.takeFailure(name);
    if (failure?.when === 'before-write') throw failure.error;
    const stream = this.streams.get(name) ?? [];
    const current = stream.length === 0 ? NO_STREAM : BigInt(stream.length - 1);
    if (expected !== ANY && expected !== current) {
      const from = expected === NO_STREAM ? 0 : Number(expected) + 1;
      const again = events.every((e, i) => stream[from + i]?.id === e.id);
      if (!again || expected === 'stream_exists') {
        throw new WrongExpectedVersionError(undefined, { streamName: name, expected, current });
      }
      return { success: true, nextExpectedRevision: BigInt(from + events.length - 1) };
    }
    const last = this.store(name, events);
    if (this.systemNoise) this.write('$stats-127.0.0.1:2113', '$statsCollected', { proc: 1 });
    if (failure) throw failure.error;
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: { commit: last.position, prepare: last.position },
    };
  }

  private store(name: string, events: readonly EventData[]): StoredRecord {
    const stream = this.streams.get(name) ?? [];
    this.streams.set(name, stream);
    let record!: StoredRecord;
    for (const event of events) {
      const data = JSON.stringify(event.data);
      const metadata = event.metadata === undefined ? undefined : JSON.stringify(event.metadata);
      record = {
        streamName: name,
        revision: BigInt(stream.length),
        id: event.id,
        type: event.type,
        data,
        metadata,
        position: this.nextPosition,
      };
      this.nextPosition += BigInt(128 + data.length + (metadata?.length ?? 0));
      stream.push(record);
      this.log.push(record);
      for (const { sub, matches } of this.live) if (matches(name)) sub.write(resolved(record));
    }
    return record;
  }

  private readStream(
    name: string,
    options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint },
  ) {
    const stream = this.streams.get(name);
    if (!stream) return failing(new StreamNotFoundError(undefined, name));
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    let records = backwards ? [...stream].reverse() : stream;
    if (typeof from === 'bigint')
      records = records.filter((r) => (backwards ? r.revision <= from : r.revision >= from));
    return Readable.from(records.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map((r) => resolved(r)));
  }

  private readAll(options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint }) {
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    let records = backwards ? [...this.log].reverse() : this.log;
    if (typeof from === 'object')
      records = records.filter((r) => (backwards ? r.position < from.commit : r.position >= from.commit));
    return Readable.from(records.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map((r) => resolved(r)));
  }

  private subscribe(options: { fromPosition?: ReadPosition; filter?: Filter }): FakeSubscription {
    const regex = options.filter && 'regex' in options.filter ? new RegExp(options.filter.regex) : null;
    const matches = (name: string) => (regex ? regex.test(name) : true);
    const from = options.fromPosition ?? START;
    const sub = Object.assign(new PassThrough({ objectMode: true }), {
      unsubscribe: async () => {
        this.live.delete(entry);
        sub.end();
      },
    });
    const entry = { sub, matches };
    const after = (position: bigint) => from === START || (typeof from === 'object' && position > from.commit);
    for (const record of this.log)
      if (after(record.position) && matches(record.streamName)) sub.write(resolved(record));
    this.live.add(entry);
    return sub;
  }

  private takeFailure(name: string): InjectedFailure | undefined {
    const index = this.failures.findIndex((f) => f.stream(name));
    return index < 0 ? undefined : this.failures.splice(index, 1)[0];
  }
}

function resolved(record: StoredRecord): AllStreamResolvedEvent {
  const position: Position = { commit: record.position, prepare: record.position };
  const event = {
    streamId: record.streamName,
    id: record.id,
    revision: record.revision,
    type: record.type,
    isJson: true as const,
    created: new Date(0),
    data: JSON.parse(record.data),
    metadata: record.metadata === undefined ? undefined : JSON.parse(record.metadata),
    position,
  };
  return { event, commitPosition: record.position } as AllStreamResolvedEvent;
}

/** What the client makes of a server's UNIMPLEMENTED: an unknown error carrying the gRPC code. */
function unimplemented(): Error {
  return Object.assign(new Error('12 UNIMPLEMENTED: not served'), { type: ErrorType.UNKNOWN, code: 12 });
}

function failing(error: Error): Readable {
  return new Readable({
    objectMode: true,
    read() {
      this.destroy(error);
    },
  });
}
