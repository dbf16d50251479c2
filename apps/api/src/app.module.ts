import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  APPLICATION_PROVIDERS,
  CLOCK,
  CONSISTENCY_TIMEOUT_MS,
  ID_GENERATOR,
  ReactorHost,
  STATE_CACHE_CAPACITY,
} from '@pks/application';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { APP_CONFIG, createEventStore, RandomIds, SystemClock, type AppConfig } from '@pks/infrastructure';
import { ReadModelHost } from '@pks/projections';
import { AgreementCommandsController } from './http/agreement-commands.controller';
import { AgreementQueriesController } from './http/agreement-queries.controller';
import { HealthController } from './http/health.controller';
import { ReadModelsController } from './http/read-models.controller';
import { ReadModelsNotifier } from './infrastructure/read-models.notifier';

/** How often the read models and the reactors look for events appended by other processes. */
const FEED_POLL_MS = 250;

const readModelsLogger = new Logger('ReadModels');
const readModelsLog = (level: 'log' | 'error', message: string) => readModelsLogger[level](message);

/** Wires the ports to adapters chosen by configuration. */
@Module({})
export class AppModule implements OnApplicationBootstrap, OnApplicationShutdown {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [AgreementCommandsController, AgreementQueriesController, ReadModelsController, HealthController],
      providers: [
        ...APPLICATION_PROVIDERS,
        ReadModelsNotifier,
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config) },
        { provide: CLOCK, useClass: SystemClock },
        { provide: ID_GENERATOR, useClass: RandomIds },
        { provide: STATE_CACHE_CAPACITY, useValue: config.stateCacheCapacity },
        { provide: CONSISTENCY_TIMEOUT_MS, useValue: config.consistencyTimeoutMs },
        {
          provide: ReadModelHost,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => ReadModelHost.open(config.readModelPath, store, { log: readModelsLog }),
        },
      ],
    };
  }

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelHost,
    private readonly reactors: ReactorHost,
  ) {}

  onApplicationBootstrap(): void {
    this.readModels.start(FEED_POLL_MS);
    this.reactors.start(FEED_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactors.stop();
    await this.readModels.close();
    await this.store.close();
  }
}
