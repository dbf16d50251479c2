import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { APP_CONFIG, createEventStore, type AppConfig } from '@pks/infrastructure';
import { OperatorCommands } from './operator.commands';

/** The operator's context: the configured event store and the read-model location, no HTTP. */
@Module({})
export class CliModule implements OnApplicationShutdown {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config) },
        OperatorCommands,
      ],
    };
  }

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
