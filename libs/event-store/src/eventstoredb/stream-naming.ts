import { createHash } from 'node:crypto';

/** Category of the adapter's own idempotency streams; port stream ids may not use it. */
export const IDEMPOTENCY_CATEGORY = 'idempotency-';
/** Category of the adapter's unique-key reservation streams (unique-key-reservations.ts). */
export const UNIQUE_KEY_CATEGORY = 'unique-key-';
/** Category of the streams holding reactors' checkpoints. */
export const CHECKPOINT_CATEGORY = 'checkpoint-';
/** The adapter's own categories: never port stream ids, never in the feed. */
const RESERVED_CATEGORIES: readonly string[] = [IDEMPOTENCY_CATEGORY, UNIQUE_KEY_CATEGORY, CHECKPOINT_CATEGORY];

export interface StreamNamingOptions {
  /** Prepended to every EventStoreDB stream name this store reads or writes (default ''). */
  readonly streamPrefix?: string;
  /**
   * Prefixes of the port stream ids that belong to the feed (readAll, headPosition, subscriptions): the
   * application's stream categories, declared once by the domain (`STREAM_PREFIXES`); '' takes every stream.
   */
  readonly feedCategories: readonly string[];
}

/**
 * How port stream ids map to EventStoreDB stream names, and which streams the feed shows.
 *
 * A prefix lets several ledgers (staging and training, or test runs) share one cluster without seeing each
 * other's events. The feed is the application's streams under that prefix, never EventStoreDB's `$` system
 * streams nor the adapter's own (idempotency claims, unique-key reservations, checkpoints): projections see
 * exactly the events the application appended.
 */
export class StreamNaming {
  readonly prefix: string;
  private readonly categories: readonly string[];

  constructor(options: StreamNamingOptions) {
    this.prefix = options.streamPrefix ?? '';
    this.categories = options.feedCategories;
    if (this.prefix.startsWith('$')) throw new Error('streamPrefix may not start with $ (EventStoreDB system streams)');
    if (this.categories.length === 0) throw new Error('feedCategories needs at least one category');
  }

  /** The EventStoreDB stream of a port stream id. @throws Error for ids the adapter reserves. */
  streamName(streamId: string): string {
    if (streamId.startsWith('$'))
      throw new Error(`stream id ${streamId} is reserved: $ starts EventStoreDB system streams`);
    const reserved = RESERVED_CATEGORIES.find((category) => streamId.startsWith(category));
    if (reserved !== undefined) {
      throw new Error(`stream id ${streamId} is reserved: ${reserved} streams hold the adapter's own records`);
    }
    return this.prefix + streamId;
  }

  /** The port stream id of a stream of the feed, or null for any other stream. */
  feedStreamId(streamName: string): string | null {
    if (!streamName.startsWith(this.prefix)) return null;
    const streamId = streamName.slice(this.prefix.length);
    if (streamId.startsWith('$') || RESERVED_CATEGORIES.some((category) => streamId.startsWith(category))) return null;
    return this.categories.some((category) => streamId.startsWith(category)) ? streamId : null;
  }

  /** The stream holding the claims of one Idempotency-Key: fixed length, and the key itself stays out of names. */
  idempotencyStream(key: string): string {
    return `${this.prefix}${IDEMPOTENCY_CATEGORY}${sha256(key)}`;
  }

  /** The stream holding the reservations of one unique index key; hashed, as keys may hold personal data (a NIK). */
  uniqueKeyStream(key: string): string {
    return `${this.prefix}${UNIQUE_KEY_CATEGORY}${sha256(key)}`;
  }

  /** The stream holding the checkpoints of one named reader of the feed. */
  checkpointStream(name: string): string {
    return `${this.prefix}${CHECKPOINT_CATEGORY}${name}`;
  }

  /**
   * A server-side stream-name filter for subscriptions, equivalent to {@link feedStreamId} (which still checks
   * every event delivered). Written in the regex subset shared by .NET (the server) and JavaScript (tests).
   */
  feedRegex(): string {
    const categories = this.categories.map(escapeRegex).join('|');
    const reserved = ['\\$', ...RESERVED_CATEGORIES.map(escapeRegex)].join('|');
    return `^${escapeRegex(this.prefix)}(?!${reserved})(?:${categories})`;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function escapeRegex(text: string): string {
  return text
    .replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
    .replace(/\s/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
