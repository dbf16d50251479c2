import { randomUUID } from 'node:crypto';

/** One event in the stand-in's log, as EventStoreDB keeps it: bytes, not JSON. */
export interface LogRecord {
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Buffer;
  readonly metadata: Buffer;
  /** Commit = prepare position: the byte offset of the record in the log (each gRPC write is one implicit transaction). */
  readonly position: bigint;
  /** .NET ticks (100 ns since 0001-01-01), as the server's `created` metadata. */
  readonly created: bigint;
}

/** An event proposed by a writer. */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Buffer;
  readonly metadata: Buffer;
}

export type LiveListener = (record: LogRecord) => void;

/** Framing of a prepare record around its stream name, type, data and metadata (approximates the v2 log format). */
const RECORD_OVERHEAD = 88;
const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;

/**
 * The transaction log and its indexes, shared by every node of a stand-in cluster (replication is instantaneous).
 * Positions are byte offsets: increasing, sparse, and only the start of a record (or the end of the log) is a
 * position a reader may name.
 */
export class TransactionLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly byId = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<LiveListener>();
  private end = 0n;

  constructor() {
    // A fresh node writes its own records first: ledger events never start at position 0.
    this.write('$epoch-information', [systemEvent('$epoch-information')]);
    this.write('$users', [systemEvent('$UserCreated')]);
    this.write('$settings', [systemEvent('$settings')]);
  }

  /** Position after the last record: where the next one will be written. */
  get endPosition(): bigint {
    return this.end;
  }

  get length(): number {
    return this.records.length;
  }

  /** Revision of the stream's last event; -1 when the stream does not exist. */
  lastRevision(streamName: string): bigint {
    const stream = this.streams.get(streamName);
    return stream ? BigInt(stream.length - 1) : -1n;
  }

  stream(streamName: string): readonly LogRecord[] | undefined {
    return this.streams.get(streamName);
  }

  /** The records of `streamName` with this event id (the server checks retried writes by id). */
  withId(streamName: string, id: string): LogRecord | undefined {
    return this.byId.get(id)?.find((record) => record.streamName === streamName);
  }

  write(streamName: string, events: readonly ProposedEvent[]): LogRecord[] {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    const created = BigInt(Date.now()) * 10_000n + TICKS_AT_UNIX_EPOCH;
    const written = events.map((event) => {
      const record: LogRecord = { ...event, streamName, revision: BigInt(stream.length), position: this.end, created };
      this.end += BigInt(
        RECORD_OVERHEAD + Buffer.byteLength(streamName) + Buffer.byteLength(event.type) + event.data.length,
      );
      this.end += BigInt(event.metadata.length);
      stream.push(record);
      this.records.push(record);
      this.byId.set(event.id, [...(this.byId.get(event.id) ?? []), record]);
      return record;
    });
    for (const record of written) for (const listener of [...this.listeners]) listener(record);
    return written;
  }

  /** Index of the first record at or after `position`; null when `position` is neither a record nor the end. */
  indexAt(position: bigint): number | null {
    if (position === this.end) return this.records.length;
    let low = 0;
    let high = this.records.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = this.records[middle].position;
      if (at === position) return middle;
      if (at < position) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  }

  at(index: number): LogRecord | undefined {
    return this.records[index];
  }

  /** Calls `listener` with every record written from now on, synchronously, in log order. */
  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function systemEvent(type: string): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    isJson: true,
    data: Buffer.from(JSON.stringify({ node: 'wire-stand-in' })),
    metadata: Buffer.alloc(0),
  };
}
