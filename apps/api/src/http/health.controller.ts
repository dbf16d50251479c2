import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { ReadModelHost } from '@pks/projections';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';

/**
 * Liveness and readiness: answers only when the event store answers (else 503 STORE_UNAVAILABLE). `status` is
 * `ok`, or `degraded` while the read side is not live: stalled on a failing pass (a full disk: its `lastError`)
 * or rebuilding a damaged generation; `readModels` says which, with the lag behind the store's head.
 */
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
    const headPosition = await this.store.headPosition();
    const readModels = this.readModels.health(headPosition);
    return {
      status: readModels.state === 'live' ? 'ok' : 'degraded',
      eventStore: this.config.eventStore,
      headPosition,
      readModelPosition: readModels.appliedPosition,
      readModels,
    };
  }
}
