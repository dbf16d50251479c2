import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  APPLICATION_PROVIDERS, CLOCK, CONSISTENCY_TIMEOUT_MS, ID_GENERATOR, MEMBER_DIRECTORY, STATE_CACHE_CAPACITY,
} from '@pks/application';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import {
  MemberAgreementsProjection, openReadModelDatabase, ProjectionRunner, ReadModelMemberDirectory,
} from '@pks/projections';
import type Database from 'better-sqlite3';
import { APP_CONFIG } from './app.tokens';
import type { AppConfig } from './config';
import { AgreementCommandsController } from './http/agreement-commands.controller';
import { AgreementQueriesController } from './http/agreement-queries.controller';
import { HealthController } from './http/health.controller';
import { createEventStore } from './infrastructure/event-store.factory';
import { RandomIds, SystemClock } from './infrastructure/system-clock';

const READ_MODEL_DB = Symbol('READ_MODEL_DB');

/** Wires the ports to adapters chosen by configuration. */
@Module({})
export class AppModule implements OnApplicationShutdown {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [AgreementCommandsController, AgreementQueriesController, HealthController],
      providers: [
        ...APPLICATION_PROVIDERS,
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config) },
        { provide: CLOCK, useClass: SystemClock },
        { provide: ID_GENERATOR, useClass: RandomIds },
        { provide: STATE_CACHE_CAPACITY, useValue: config.stateCacheCapacity },
        { provide: CONSISTENCY_TIMEOUT_MS, useValue: config.consistencyTimeoutMs },
        { provide: READ_MODEL_DB, useFactory: () => openReadModelDatabase(config.readModelPath) },
        MemberAgreementsProjection,
        {
          provide: ProjectionRunner,
          inject: [READ_MODEL_DB, EVENT_STORE, MemberAgreementsProjection],
          useFactory: (db: Database.Database, store: EventStore, members: MemberAgreementsProjection) =>
            new ProjectionRunner(db, store, [members]),
        },
        {
          provide: MEMBER_DIRECTORY,
          inject: [EVENT_STORE, ProjectionRunner, MemberAgreementsProjection],
          useFactory: (store: EventStore, runner: ProjectionRunner, members: MemberAgreementsProjection) =>
            new ReadModelMemberDirectory(store, runner, members),
        },
      ],
    };
  }

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: Database.Database,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.readModels.close();
  }
}
