import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ThrottlerStorageService } from '@nestjs/throttler';
import {
  APPLICATION_PROVIDERS,
  CLOCK,
  CONSISTENCY_TIMEOUT_MS,
  ID_GENERATOR,
  LedgerIntegrity,
  ReactorHost,
  STATE_CACHE_CAPACITY,
} from '@pks/application';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import {
  APP_CONFIG,
  createEventStore,
  createLedgerNotary,
  projectionThreadOf,
  RandomIds,
  SystemClock,
  TokenVerifier,
  type AppConfig,
} from '@pks/infrastructure';
import { ReadModelHost } from '@pks/projections';
import { AccessGuard, TOKEN_VERIFIER } from './access/access.guard';
import { ACCESS_LOG, JsonLinesAccessLog, type AccessLog } from './access/access-log';
import { PersonalDataInterceptor } from './access/personal-data.interceptor';
import { RateLimiter } from './access/rate-limiter';
import { AgreementCommandsController } from './http/agreement-commands.controller';
import { AgreementQueriesController } from './http/agreement-queries.controller';
import { HealthController } from './http/health.controller';
import { ReadModelsController } from './http/read-models.controller';
import { ReadModelsGate } from './http/read-models.gate';
import { ReconciliationController } from './http/reconciliation.controller';
import { SignInController } from './http/sign-in.controller';
import { ReadModelsNotifier } from './infrastructure/read-models.notifier';
import { createRootLogger, ROOT_LOGGER } from './operations/logging/root-logger';
import { MetricsController } from './operations/metrics/metrics.controller';
import { ServiceMetrics } from './operations/metrics/service-metrics';
import { OPERATIONS_PROVIDERS } from './operations/operations.providers';
import { LedgerController } from './ledger/ledger.controller';
import { LedgerNotaryHost } from './ledger/ledger-notary.host';
import { LEDGER_NOTARY } from './ledger/ledger.tokens';

/** How often the read models and the reactors look for events appended by other processes. */
const FEED_POLL_MS = 250;
/** The interval the module runs with: FEED_POLL_MS unless a test set another. */
const FEED_POLL_INTERVAL = Symbol('FEED_POLL_INTERVAL');

const readModelsLogger = new Logger('ReadModels');
const readModelsLog = (level: 'log' | 'error', message: string) => readModelsLogger[level](message);

/**
 * The live projection runner shares the request loop: its transactions stop after 10 ms (and 250 events read at a
 * time), then requests are served before the next one. Applying up to 1,000 events in one synchronous transaction
 * stalled every request for 100-440 ms under the mix of issue 14.
 */
const LIVE_SLICING = { batchSize: 250, sliceMs: 10 } as const;
/** In its own thread the runner shares no loop: longer transactions (as many events), short enough to hear a halt soon. */
const THREAD_SLICING = { batchSize: 250, sliceMs: 50 } as const;

function readModelHostOf(config: AppConfig, store: EventStore): ReadModelHost {
  const thread = projectionThreadOf(config);
  const slicing = thread ? THREAD_SLICING : LIVE_SLICING;
  return ReadModelHost.open(config.readModelPath, store, { log: readModelsLog, slicing, thread });
}

/** What a test may change of the module; the service runs with none of it. */
export interface AppModuleOptions {
  /** Where the JSON log goes: stdout unless a test captures it. */
  readonly logDestination?: DestinationStream;
  /**
   * How often the read side and the reactors look for events appended by other processes (FEED_POLL_MS). A test
   * that must see a damage found by a query, not by the runner's next pass, sets it long.
   */
  readonly feedPollMs?: number;
}

/** Wires the ports to adapters chosen by configuration. */
@Module({})
export class AppModule implements OnApplicationBootstrap, OnApplicationShutdown {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const logger = createRootLogger(config.logLevel, options.logDestination);
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        // Nest's own messages through the root logger. No middleware (forRoutes: none): binding a logger to each
        // request in an AsyncLocalStorage put a hook on every promise of the process; the request's line (setup.ts)
        // carries its correlation id.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
      ],
      controllers: [
        AgreementCommandsController,
        AgreementQueriesController,
        ReadModelsController,
        ReconciliationController,
        HealthController,
        MetricsController,
        LedgerController,
        SignInController,
      ],
      providers: [
        ...APPLICATION_PROVIDERS,
        ...OPERATIONS_PROVIDERS,
        ReadModelsNotifier,
        ReadModelsGate,
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: APP_CONFIG, useValue: config },
        { provide: FEED_POLL_INTERVAL, useValue: options.feedPollMs ?? FEED_POLL_MS },
        {
          provide: EVENT_STORE,
          inject: [ServiceMetrics],
          useFactory: (metrics: ServiceMetrics) =>
            createEventStore(config, { onCommit: (commit) => metrics.groupCommitted(commit) }),
        },
        { provide: CLOCK, useClass: SystemClock },
        {
          provide: LEDGER_NOTARY,
          inject: [EVENT_STORE, LedgerIntegrity],
          useFactory: (store: EventStore, integrity: LedgerIntegrity) =>
            createLedgerNotary(config, store, integrity, () => new Date().toISOString()),
        },
        LedgerNotaryHost,
        { provide: ID_GENERATOR, useClass: RandomIds },
        { provide: STATE_CACHE_CAPACITY, useValue: config.stateCacheCapacity },
        { provide: CONSISTENCY_TIMEOUT_MS, useValue: config.consistencyTimeoutMs },
        {
          provide: ReadModelHost,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => readModelHostOf(config, store),
        },
        ...ACCESS_PROVIDERS(config),
      ],
    };
  }

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelHost,
    private readonly reactors: ReactorHost,
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLog,
    private readonly ledger: LedgerNotaryHost,
    @Inject(FEED_POLL_INTERVAL) private readonly feedPollMs: number,
  ) {}

  /** The ledger is checked (since its last signed head) before anything builds on it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ledger.start();
    await this.readModels.start(this.feedPollMs);
    this.reactors.start(this.feedPollMs);
  }

  /** The last head is signed once nothing more can be appended, before the store closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.reactors.stop();
    await this.ledger.stop();
    await this.readModels.close();
    await this.store.close();
    this.accessLog.close();
  }
}

/** Authentication, the access policy's guard, masking and the access log, rate limits (API.md "Access"). */
function ACCESS_PROVIDERS(config: AppConfig) {
  return [
    { provide: TOKEN_VERIFIER, useFactory: () => TokenVerifier.create(config.auth) },
    { provide: ACCESS_LOG, useFactory: () => new JsonLinesAccessLog(config.accessLogPath) },
    ThrottlerStorageService,
    RateLimiter,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: PersonalDataInterceptor },
  ];
}
