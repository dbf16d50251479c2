import {
  Inject,
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
  MEMBER_DIRECTORY,
  STATE_CACHE_CAPACITY,
} from '@pks/application';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { ReadModelHost, ReadModelMemberDirectory } from '@pks/projections';
import { APP_CONFIG } from './app.tokens';
import type { AppConfig } from './config';
import { AgreementCommandsController } from './http/agreement-commands.controller';
import { AgreementQueriesController } from './http/agreement-queries.controller';
import { HealthController } from './http/health.controller';
import { ReadModelsController } from './http/read-models.controller';
import { createEventStore } from './infrastructure/event-store.factory';
import { ReadModelsNotifier } from './infrastructure/read-models.notifier';
import { RandomIds, SystemClock } from './infrastructure/system-clock';

/** How often the read models look for events appended by other processes. */
const READ_MODEL_POLL_MS = 250;

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
          useFactory: (store: EventStore) => ReadModelHost.open(config.readModelPath, store),
        },
        {
          provide: MEMBER_DIRECTORY,
          inject: [EVENT_STORE, ReadModelHost],
          useFactory: (store: EventStore, host: ReadModelHost) =>
            new ReadModelMemberDirectory(store, () => host.current()),
        },
      ],
    };
  }

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelHost,
  ) {}

  onApplicationBootstrap(): void {
    this.readModels.start(READ_MODEL_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readModels.close();
    await this.store.close();
  }
}
