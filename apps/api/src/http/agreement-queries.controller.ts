import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { ApplicationError, GetAgreementEventsQuery, GetAgreementStateQuery, ReadYourWrites } from '@pks/application';
import { parseInstant } from '@pks/domain';
import { EVENT_STORE, type EventStore } from '@pks/event-store';
import { EventsQueryDto, StateQueryDto } from '../dto/query.dto';
import { AgreementIdParam } from './param.pipes';
import { AgreementSummaryResponse } from './responses/agreement.response';
import { ApiErrors, QUERY_ERRORS } from './responses/api-errors.decorator';
import { EventsResponse } from './responses/history.response';

/**
 * Audit views answered from the agreement's own stream: always current, so `minPosition` only waits for the
 * store to hold that position (it may have been written by another instance). The summary is the read model's.
 */
@ApiTags('queries')
@ApiBearerAuth()
@ApiErrors(QUERY_ERRORS)
@Controller('agreements')
export class AgreementQueriesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly consistency: ReadYourWrites,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get(':id/events')
  @ApiOkResponse({ type: EventsResponse })
  @ApiOperation({ summary: 'Event history (audit), in stream order, with metadata and hash chain' })
  async events(@Param('id', AgreementIdParam) id: string, @Query() query: EventsQueryDto) {
    await this.consistency.waitFor(query.minPosition, () => this.store.headPosition());
    return this.queries.execute(new GetAgreementEventsQuery(id, query.fromVersion ?? 1, query.limit ?? 100));
  }

  @Get(':id/state')
  @ApiOkResponse({ type: AgreementSummaryResponse })
  @ApiOperation({ summary: 'State as of a stream version (?version=) or a recorded instant (?asOf=)' })
  async state(@Param('id', AgreementIdParam) id: string, @Query() query: StateQueryDto) {
    if ((query.version === undefined) === (query.asOf === undefined)) {
      throw new ApplicationError('VALIDATION_FAILED', 'give exactly one of version or asOf', [
        { path: 'query', reason: 'give exactly one of version or asOf' },
      ]);
    }
    await this.consistency.waitFor(query.minPosition, () => this.store.headPosition());
    const at = query.version !== undefined ? { version: query.version } : { asOf: parseInstant(query.asOf) as string };
    return this.queries.execute(new GetAgreementStateQuery(id, at));
  }
}
