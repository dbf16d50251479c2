import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { ReadModelHost } from '@pks/projections';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';

/** Liveness and readiness: answers only when the event store answers. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readModels: ReadModelHost,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness / readiness' })
  async health() {
    return {
      status: 'ok',
      eventStore: this.config.eventStore,
      headPosition: await this.store.headPosition(),
      readModelPosition: this.readModels.current().runner.appliedPosition(),
    };
  }
}
