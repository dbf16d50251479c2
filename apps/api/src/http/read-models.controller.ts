import { Controller, Get, Param, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError } from '@pks/application';
import { addDays, parseInstant, toDayNumber } from '@pks/domain';
import {
  agreementCoverage,
  agreementSummary,
  listAgreements,
  memberCoverage,
  ReadModelHost,
  regionCoverage,
  type CoverageRequest,
} from '@pks/projections';
import { ConsistencyQueryDto } from '../dto/query.dto';
import {
  AgreementListQueryDto,
  CoverageQueryDto,
  RegionCoverageQueryDto,
  RegionQueryDto,
} from '../dto/read-model-query.dto';
import type { Request } from 'express';
import { grantOf } from '../access/access-request';
import { answer, type AnswerRequest } from '../exports/answer';
import { coverageExport } from '../exports/reports/coverage.report';
import { AnswerCtx } from './answer-context.decorator';
import { AgreementIdParam, NikParam } from './param.pipes';
import { ReadModelFaultsInterceptor } from './read-model-faults.interceptor';
import { ReadModelsGate } from './read-models.gate';
import { AgreementListResponse, AgreementSummaryResponse } from './responses/agreement.response';
import { ApiAnswer } from './responses/answer.decorator';
import { ApiErrors, QUERY_ERRORS } from './responses/api-errors.decorator';
import { CoverageResponse, MemberResponse, ReadModelsStatusResponse } from './responses/read-side.response';

const MAX_DAYS = 3_660;

/**
 * Agreements, coverage and workers answered from the read models (see ReadModelsGate for consistency). Lists and
 * region reports answer within the caller's scope (the access guard's grant); one agreement was checked by the
 * guard.
 */
@ApiTags('read models')
@ApiBearerAuth()
@ApiErrors(QUERY_ERRORS)
@Controller()
@UseInterceptors(ReadModelFaultsInterceptor)
export class ReadModelsController {
  constructor(
    private readonly host: ReadModelHost,
    private readonly gate: ReadModelsGate,
  ) {}

  @Get('agreements')
  @ApiOkResponse({ type: AgreementListResponse })
  @ApiOperation({ summary: 'List agreements by region prefix and status' })
  async list(@Query() q: AgreementListQueryDto, @Req() request: Request) {
    const models = await this.gate.caughtUp(q.minPosition);
    const { scope } = grantOf(request);
    return listAgreements(models.reads, {
      regionCode: q.regionCode,
      status: q.status,
      today: this.gate.today(),
      scope,
    });
  }

  @Get('agreements/:id')
  @ApiOkResponse({ type: AgreementSummaryResponse })
  @ApiOperation({ summary: 'Agreement summary' })
  async summary(@Param('id', AgreementIdParam) id: string, @Query() q: ConsistencyQueryDto) {
    const result = agreementSummary((await this.gate.caughtUpWith(id, q.minPosition)).reads, id, this.gate.today());
    if (result === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
    return result;
  }

  @Get('agreements/:id/coverage')
  @ApiAnswer(CoverageResponse)
  @ApiOperation({ summary: 'Coverage of one agreement over time (covered members, person-months)' })
  async agreementCoverage(
    @Param('id', AgreementIdParam) id: string,
    @Query() q: CoverageQueryDto,
    @AnswerCtx() ctx: AnswerRequest,
  ) {
    const request = this.coverageRequest(q);
    const result = agreementCoverage((await this.gate.caughtUpWith(id, q.minPosition)).reads, id, request);
    if (result === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
    const coverage = { agreementId: id, ...result };
    return answer(
      { ...ctx, format: q.format },
      () => coverage,
      () => coverageExport(id, coverage),
    );
  }

  @Get('coverage')
  @ApiAnswer(CoverageResponse)
  @ApiOperation({ summary: 'Coverage over time of a region and the regions below it' })
  async regionCoverage(@Query() q: RegionCoverageQueryDto, @AnswerCtx() ctx: AnswerRequest, @Req() request: Request) {
    const models = await this.gate.caughtUp(q.minPosition);
    const series = regionCoverage(models.reads, q.regionCode, this.coverageRequest(q), grantOf(request).scope);
    const coverage = { regionCode: q.regionCode ?? null, ...series };
    const name = q.regionCode ?? 'nasional';
    return answer(
      { ...ctx, format: q.format },
      () => coverage,
      () => coverageExport(name, coverage),
    );
  }

  @Get('members/:nik')
  @ApiOkResponse({ type: MemberResponse })
  // Look-ups by NIK are rate-limited per subject (enumerating NIKs is slow by design).
  @ApiErrors([429])
  @ApiOperation({ summary: "A worker's coverage across agreements, with any benefit paid" })
  async member(@Param('nik', NikParam) nik: string, @Query() q: RegionQueryDto, @Req() request: Request) {
    const result = memberCoverage((await this.gate.caughtUp(q.minPosition)).reads, nik, grantOf(request).scope);
    // The same answer for a NIK never enrolled and one enrolled only outside the caller's scope.
    if (result === null)
      throw new ApplicationError('MEMBER_NOT_FOUND', 'no worker with this NIK is enrolled in your scope');
    return result;
  }

  @Get('read-models/status')
  @ApiOkResponse({ type: ReadModelsStatusResponse })
  @ApiOperation({ summary: 'Applied position, generation and quarantined events of the read models' })
  status() {
    // Answers while a damaged generation is rebuilt too: that is what it reports.
    return this.host.inspect((models) => {
      const { state, rebuild } = this.host.health();
      const status = { generation: this.host.currentGeneration(), state, ...models.runner.status() };
      return {
        ...status,
        readModels: models.status(),
        quarantine: models.runner.quarantined(),
        ...(rebuild ? { rebuild } : {}),
      };
    });
  }

  private coverageRequest(q: CoverageQueryDto): CoverageRequest {
    const to = q.to ?? this.gate.today();
    const from = q.from ?? addDays(to, -365);
    const interval = q.interval ?? 'month';
    const issues = [];
    if (from > to) issues.push({ path: 'from', reason: 'must not be after `to`' });
    if (interval === 'day' && toDayNumber(to) - toDayNumber(from) >= MAX_DAYS) {
      issues.push({ path: 'to', reason: `a daily series spans at most ${MAX_DAYS} days` });
    }
    if (issues.length > 0) throw new ApplicationError('VALIDATION_FAILED', 'invalid coverage range', issues);
    const asKnownAt = q.asKnownAt === undefined ? undefined : (parseInstant(q.asKnownAt) as string);
    return { from, to, interval, asKnownAt };
  }
}
