import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@pks/event-store';
import { APP_CONFIG, createEventStore, type AppConfig } from '@pks/infrastructure';

/**
 * Opens the configured event store when a command first needs it, not while the context starts: a store that
 * cannot be opened (a damaged file) is then the command's to report, not a stack trace from the injector.
 */
@Injectable()
export class StoreOpener implements OnApplicationShutdown {
  private store: EventStore | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  open(): EventStore {
    this.store ??= createEventStore(this.config);
    return this.store;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store?.close();
  }
}
