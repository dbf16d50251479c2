/**
 * Failures a test can make the stand-in produce, each the way EventStoreDB 24.10 reports it:
 * - not-ready / too-busy: the node refuses the request (during start-up, an election, or when its queues are
 *   full). An append gets a batch-append error whose message says so ("Server Is Not Ready", "Server Is Busy");
 *   a read ends with UNAVAILABLE ("Server Is Not Ready", "Server Is Too Busy");
 * - commit-timeout: the write is not acknowledged within the commit timeout; the answer is Timeout. With
 *   `lands` it is written all the same, just after the answer (the outcome a client cannot know); without, never;
 * - slow-commit: the write takes `ms`; when that exceeds the commit timeout the answer is Timeout and the write
 *   still lands after `ms` (checked again against the stream then, as the server's prepare would be).
 * A leader change and gossip failures are node states (see WireStandInNode), not one-shot faults.
 */
export type AppendFault =
  | { readonly kind: 'not-ready' }
  | { readonly kind: 'too-busy' }
  | { readonly kind: 'commit-timeout'; readonly lands: boolean }
  | { readonly kind: 'slow-commit'; readonly ms: number };

export type ReadFault = { readonly kind: 'not-ready' } | { readonly kind: 'too-busy' };

interface Armed<F> {
  readonly matches: (streamName: string) => boolean;
  readonly fault: F;
  remaining: number;
}

/** Faults armed for the next matching requests, each firing `times` times, in the order they were armed. */
export class Faults {
  private readonly appends: Armed<AppendFault>[] = [];
  private readonly reads: Armed<ReadFault>[] = [];

  onAppend(stream: RegExp | string, fault: AppendFault, times = 1): void {
    this.appends.push({ matches: matcher(stream), fault, remaining: times });
  }

  /** `stream` is matched against the stream read, or `$all`. */
  onRead(stream: RegExp | string, fault: ReadFault, times = 1): void {
    this.reads.push({ matches: matcher(stream), fault, remaining: times });
  }

  takeAppend(streamName: string): AppendFault | undefined {
    return take(this.appends, streamName);
  }

  takeRead(streamName: string): ReadFault | undefined {
    return take(this.reads, streamName);
  }

  clear(): void {
    this.appends.length = 0;
    this.reads.length = 0;
  }
}

function matcher(stream: RegExp | string): (streamName: string) => boolean {
  return typeof stream === 'string' ? (name) => name === stream : (name) => stream.test(name);
}

function take<F>(armed: Armed<F>[], streamName: string): F | undefined {
  const index = armed.findIndex((entry) => entry.matches(streamName));
  if (index < 0) return undefined;
  const entry = armed[index];
  entry.remaining -= 1;
  if (entry.remaining <= 0) armed.splice(index, 1);
  return entry.fault;
}
