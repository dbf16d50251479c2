import { dirname, join } from 'node:path';
import { authConfig, type AuthConfig } from './auth/auth-config';
import { parseRoleLimits, type RoleLimits } from './auth/rate-limits';

/** Configuration from the environment (API.md "Running"), with defaults that need nothing installed. */
export type StoreKind = 'sqlite' | 'memory' | 'eventstoredb';

export interface AppConfig {
  readonly port: number;
  /** The address the HTTP server listens on: loopback unless told otherwise (the Docker image says 0.0.0.0). */
  readonly host: string;
  readonly eventStore: StoreKind;
  readonly sqlitePath: string;
  /** FULL survives power loss; NORMAL survives a process kill. */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Read models (derived, rebuildable): a second SQLite file, or memory with the memory store. */
  readonly readModelPath: string;
  readonly eventStoreConnectionString?: string;
  /** Prefix of this ledger's streams in EventStoreDB, so that several ledgers (or test runs) can share a cluster. */
  readonly eventStoreStreamPrefix?: string;
  /**
   * EventStoreDB's MaxAppendSize, in bytes: give the app the figure the server has (the compose files set both from
   * one variable). A command whose append is larger gets 413 PAYLOAD_TOO_LARGE before anything is written.
   */
  readonly eventStoreMaxAppendSize: number;
  /** How long a query with `minPosition` waits before NOT_CAUGHT_UP. */
  readonly consistencyTimeoutMs: number;
  /** Members (plus one per agreement) whose agreements' folded state is kept in memory between commands. */
  readonly stateCacheCapacity: number;
  /** How far the main heap may grow past its live objects before a full collection, in percent (0: V8's own). */
  readonly heapGrowingPercent: number;
  /** Largest accepted JSON body; larger bodies get 413 PAYLOAD_TOO_LARGE. */
  readonly bodyLimit: string;
  /** Least level of the JSON log on stdout (one line per request at `info`). */
  readonly logLevel: LogLevel;
  /** A bearer token that may read /metrics (for a Prometheus scraper); unset: no token does. */
  readonly metricsToken?: string;
  /** `/metrics` answers anyone (a scraper on a private network); default false. */
  readonly metricsPublic: boolean;
  /** `/health/ready` is false while the oldest event the read models have not applied is older than this. */
  readonly readinessMaxLagSeconds: number;
  /**
   * Whether the projection runner of a SQLite store's read models runs in a thread of its own (PROJECTION_THREAD,
   * `on` by default), on the second core, rather than on the event loop that answers requests.
   */
  readonly projectionThread: boolean;
  /** The built dashboard served at `/` (web/dist, relative to the working directory). */
  readonly webRoot: string;
  /** Who signs the bearer tokens the service accepts. */
  readonly auth: AuthConfig;
  /** Origins a browser may call the API from; none (CORS closed) unless configured. `*` is any origin. */
  readonly corsOrigins: readonly string[];
  /** Commands per subject, by the role it acts in. */
  readonly commandRateLimits: RoleLimits;
  /** Look-ups of one worker by NIK per subject, by role: enumerating NIKs is slow by design. */
  readonly lookupRateLimits: RoleLimits;
  /** The structured access log of reads of personal data (JSON lines); `-` writes it on stdout. */
  readonly accessLogPath: string;
  /**
   * The Ed25519 key (PKCS#8 PEM) that signs tree heads: never inside the event store file. Created on first use;
   * `:memory:` with the memory store (a key per process).
   */
  readonly treeHeadKeyPath: string;
  /** The signed tree heads the service issued, one JSON line each (`:memory:` with the memory store). */
  readonly treeHeadsPath: string;
  /** How often the service signs a new tree head when the ledger grew (and always on shutdown). */
  readonly treeHeadIntervalMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const eventStore = (env.EVENT_STORE ?? 'sqlite') as StoreKind;
  if (!['sqlite', 'memory', 'eventstoredb'].includes(eventStore)) {
    throw new Error(`EVENT_STORE must be sqlite, memory or eventstoredb, not "${env.EVENT_STORE}"`);
  }
  const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') throw new Error('SQLITE_SYNCHRONOUS must be FULL or NORMAL');
  const sqlitePath = env.SQLITE_PATH ?? './data/pks-ledger.sqlite';
  const readModelPath =
    env.READ_MODEL_PATH ?? (eventStore === 'memory' ? ':memory:' : sqlitePath.replace(/(\.sqlite)?$/, '.read.sqlite'));
  const besideData = (suffix: string) =>
    eventStore === 'memory' ? ':memory:' : sqlitePath.replace(/(\.sqlite)?$/, suffix);
  return {
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    eventStore,
    sqlitePath,
    sqliteSynchronous: synchronous,
    readModelPath,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING,
    eventStoreStreamPrefix: env.EVENTSTORE_STREAM_PREFIX,
    eventStoreMaxAppendSize: integer(env.EVENTSTORE_MAX_APPEND_SIZE, 1024 * 1024, 'EVENTSTORE_MAX_APPEND_SIZE'),
    consistencyTimeoutMs: integer(env.CONSISTENCY_TIMEOUT_MS, 5_000, 'CONSISTENCY_TIMEOUT_MS'),
    stateCacheCapacity: integer(env.STATE_CACHE_MEMBERS, 500_000, 'STATE_CACHE_MEMBERS'),
    heapGrowingPercent: atMost(
      integer(env.HEAP_GROWING_PERCENT, 50, 'HEAP_GROWING_PERCENT'),
      1_000,
      'HEAP_GROWING_PERCENT',
    ),
    bodyLimit: env.BODY_LIMIT ?? '8mb',
    logLevel: oneOf(env.LOG_LEVEL, LOG_LEVELS, 'info', 'LOG_LEVEL'),
    metricsToken: env.METRICS_TOKEN === '' ? undefined : env.METRICS_TOKEN,
    metricsPublic: oneOf(env.METRICS_PUBLIC, ['true', 'false'] as const, 'false', 'METRICS_PUBLIC') === 'true',
    readinessMaxLagSeconds: integer(env.READINESS_MAX_LAG_SECONDS, 30, 'READINESS_MAX_LAG_SECONDS'),
    projectionThread: oneOf(env.PROJECTION_THREAD, ['on', 'off'] as const, 'on', 'PROJECTION_THREAD') === 'on',
    webRoot: env.WEB_ROOT ?? 'web/dist',
    auth: authConfig(env, sqlitePath, [sqlitePath, readModelPath]),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    commandRateLimits: parseRoleLimits(
      env.RATE_LIMIT_COMMANDS,
      { limit: 600, windowMs: 60_000 },
      'RATE_LIMIT_COMMANDS',
    ),
    lookupRateLimits: parseRoleLimits(env.RATE_LIMIT_LOOKUPS, { limit: 120, windowMs: 60_000 }, 'RATE_LIMIT_LOOKUPS'),
    accessLogPath: env.ACCESS_LOG_PATH || join(dirname(sqlitePath), 'access.log'),
    treeHeadKeyPath: env.TREE_HEAD_KEY_PATH ?? besideData('.tree-head-key.pem'),
    treeHeadsPath: env.TREE_HEADS_PATH ?? besideData('.tree-heads.jsonl'),
    treeHeadIntervalMs: integer(env.TREE_HEAD_INTERVAL_MS, 60_000, 'TREE_HEAD_INTERVAL_MS'),
  };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function atMost(value: number, most: number, name: string): number {
  if (value > most) throw new Error(`${name} must be at most ${most}, not ${value}`);
  return value;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, not "${value}"`);
  return parsed;
}
