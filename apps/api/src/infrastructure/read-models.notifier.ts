import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { EventsAppended } from '@pks/application';
import { ReadModelHost } from '@pks/projections';

/** Lets the read models catch up right after a command appended, instead of at their next poll. */
@EventsHandler(EventsAppended)
export class ReadModelsNotifier implements IEventHandler<EventsAppended> {
  constructor(private readonly host: ReadModelHost) {}

  handle(): void {
    this.host.current().runner.notify();
  }
}
