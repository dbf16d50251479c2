import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { ReadModelHost } from '@pks/projections';
import { APP_CONFIG, type AppConfig, type LedgerNotary } from '@pks/infrastructure';
import { LedgerIntegrity } from '@pks/application';
import type { AccessRequest } from '../access/access-request';
import { LEDGER_NOTARY } from '../ledger/ledger.tokens';
import { Readiness } from '../operations/health/readiness';
import { ApiErrors } from './responses/api-errors.decorator';
import { HealthResponse, ProbeResponse } from './responses/read-side.response';

/**
 * `/health` answers only when the event store answers (else 503 STORE_UNAVAILABLE). `status` is `ok`, or
 * `degraded` while the read side is not live (stalled on a failing pass, a full disk: its `lastError`; or
 * rebuilding a damaged generation; `readModels` says which, with the lag behind the store's head) or while the
 * ledger is found tampered (`ledger.integrity`: commands are refused, reads still served).
 * `/health/live` and `/health/ready` are the orchestrator's probes (see {@link Readiness}). All three need no
 * token; `/health` tells a caller without one its status only, the details being for signed-in callers.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readModels: ReadModelHost,
    private readonly readiness: Readiness,
    private readonly integrity: LedgerIntegrity,
    @Inject(LEDGER_NOTARY) private readonly notary: LedgerNotary | null,
  ) {}

  @Get('live')
  @ApiOkResponse({ type: ProbeResponse })
  @ApiErrors([500])
  @ApiOperation({ summary: 'Liveness: the process answers', security: [] })
  live() {
    return this.readiness.live();
  }

  @Get('ready')
  @ApiOkResponse({ type: ProbeResponse })
  @ApiErrors([500, 503], { 503: ['NOT_CAUGHT_UP', 'STORE_UNAVAILABLE'] })
  @ApiOperation({
    summary: 'Readiness: the store answers and the read side is live and caught up (else 503)',
    security: [],
  })
  ready() {
    return this.readiness.ready();
  }

  @Get()
  @ApiOkResponse({ type: HealthResponse })
  @ApiErrors([500, 503], { 503: ['STORE_UNAVAILABLE', 'LEDGER_TAMPERED'] })
  @ApiOperation({ summary: 'The store and the read side at a glance (status ok or degraded)', security: [] })
  async health(@Req() request: AccessRequest) {
    const headPosition = await this.store.headPosition();
    const readModels = this.readModels.health(headPosition);
    const integrity = this.integrity.current();
    const head = this.notary?.latest() ?? null;
    const status = readModels.state === 'live' && integrity.status !== 'tampered' ? 'ok' : 'degraded';
    if (request.user === undefined) return { status };
    return {
      status,
      eventStore: this.config.eventStore,
      headPosition,
      readModelPosition: readModels.appliedPosition,
      readModels,
      ledger: {
        integrity,
        lastSignedHead:
          head === null ? null : { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp },
      },
    };
  }
}
