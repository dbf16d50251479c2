import { randomUUID } from 'node:crypto';
import { checkCommit } from './append-rules';
import type { Faults } from './faults';
import type { LogRecord, ProposedEvent, TransactionLog } from './transaction-log';

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/** The server options the stand-in honours, with EventStoreDB 24.10's defaults. */
export interface StandInSettings {
  /** MaxAppendSize: data + metadata + 2 x type length of all events of one append (default 1 MiB). */
  readonly maxAppendSizeBytes: number;
  /** WriteTimeoutMs: how long a batch append may take to arrive whole, from its first chunk (default 2 s). */
  readonly writeTimeoutMs: number;
  /** CommitTimeoutMs: how long a write may take to commit before the answer is Timeout (default 2 s). */
  readonly commitTimeoutMs: number;
  /** Writes a `$stats` system event after every n-th client write, as a running node does (0: never). */
  readonly systemNoiseEvery: number;
  /** Serves reads of `$all` filtered on the server, as 24.10 does (false: answers them UNIMPLEMENTED). */
  readonly filteredReads: boolean;
}

export const DEFAULT_SETTINGS: StandInSettings = {
  maxAppendSizeBytes: 1024 * 1024,
  writeTimeoutMs: 2_000,
  commitTimeoutMs: 2_000,
  systemNoiseEvery: 0,
  filteredReads: true,
};

/** What a node knows about itself; the cluster decides who leads. */
export interface NodeState {
  readonly endpoint: Endpoint;
  role: 'leader' | 'follower';
  /** When false, the node's gossip endpoint fails with UNAVAILABLE (discovery cannot use it). */
  gossipUp: boolean;
}

/** One subscription a client opened, as the stand-in saw it: for tests of where resubscriptions start. */
export interface SubscriptionSeen {
  /** 'start', 'end' or the commit position it started after. */
  readonly from: 'start' | 'end' | bigint;
  readonly filtered: boolean;
  /** Log records the subscription examined (matching its filter or not). */
  considered: number;
}

/** Everything the handlers of every node share. */
export interface StandInContext {
  readonly log: TransactionLog;
  readonly faults: Faults;
  readonly settings: StandInSettings;
  readonly subscriptionsSeen: SubscriptionSeen[];
  /** Drop functions of the live subscriptions (a restart or a network cut drops them all). */
  readonly liveSubscriptions: Set<(error: Error) => void>;
  /** Runs before a client write is checked and committed: lets a test slip a rival write in between. */
  beforeCommit: ((streamName: string) => Promise<void> | void) | null;
  /** Client writes committed so far (system noise follows them). */
  clientWrites: number;
  leaderEndpoint(): Endpoint;
}

export type WriteOutcome =
  { readonly ok: true; readonly last: LogRecord } | { readonly ok: false; readonly current: bigint };

/** Checks a write against the stream as it is now, and commits it when the check allows. */
export function commitWrite(
  context: StandInContext,
  streamName: string,
  expected: bigint,
  events: readonly ProposedEvent[],
): WriteOutcome {
  const check = checkCommit(context.log, streamName, expected, events);
  switch (check.decision) {
    case 'ok': {
      const written = context.log.write(streamName, events);
      writeSystemNoise(context);
      return { ok: true, last: written[written.length - 1] };
    }
    case 'idempotent':
      return { ok: true, last: check.last };
    case 'wrong-expected-version':
      return { ok: false, current: check.current };
    default: {
      const unknown: never = check;
      throw new Error(`unknown decision ${String(unknown)}`);
    }
  }
}

function writeSystemNoise(context: StandInContext): void {
  const every = context.settings.systemNoiseEvery;
  context.clientWrites += 1;
  if (every <= 0 || context.clientWrites % every !== 0) return;
  context.log.write('$stats-127.0.0.1:2113', [
    {
      id: randomUUID(),
      type: '$statsCollected',
      isJson: true,
      data: Buffer.from(JSON.stringify({ 'proc-mem': 123_456_789, writes: context.clientWrites })),
      metadata: Buffer.alloc(0),
    },
  ]);
}
