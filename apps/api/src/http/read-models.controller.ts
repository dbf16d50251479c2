import { Controller, Get, Inject, Param, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError, CLOCK, ReadYourWrites, type Clock } from '@pks/application';
import { addDays, latestIndonesianDate, parseInstant, toDayNumber } from '@pks/domain';
import {
  agreementCoverage,
  agreementPremiums,
  agreementSummary,
  appliedAgreementVersion,
  benefitDisbursements,
  doubleFunding,
  listAgreements,
  memberCoverage,
  FIRST_PAGE,
  ReadModelHost,
  regionCoverage,
  regionPremiums,
  type CoverageRequest,
  type Page,
} from '@pks/projections';
import { ConsistencyQueryDto } from '../dto/query.dto';
import {
  AgreementListQueryDto,
  BenefitsQueryDto,
  CoverageQueryDto,
  DoubleFundingQueryDto,
  PageQueryDto,
  PremiumsQueryDto,
  ReconciliationQueryDto,
  RegionCoverageQueryDto,
  RegionQueryDto,
} from '../dto/read-model-query.dto';
import type { Request } from 'express';
import { grantOf } from '../access/access-request';
import { AgreementIdParam, NikParam } from './param.pipes';
import { ReadModelFaultsInterceptor } from './read-model-faults.interceptor';
import { AgreementListResponse, AgreementSummaryResponse } from './responses/agreement.response';
import { ApiErrors, QUERY_ERRORS } from './responses/api-errors.decorator';
import {
  BenefitsResponse,
  CoverageResponse,
  DoubleFundingResponse,
  MemberResponse,
  PremiumsResponse,
  RegionPremiumsResponse,
  ReadModelsStatusResponse,
} from './responses/read-side.response';

const MAX_DAYS = 3_660;

/**
 * Queries answered from the read models; `minPosition` waits until they have applied that position, and a query
 * about one agreement also waits until they have applied that agreement's latest event. Lists and region
 * reports answer within the caller's scope (the access guard's grant); one agreement was checked by the guard.
 */
@ApiTags('read models')
@ApiBearerAuth()
@ApiErrors(QUERY_ERRORS)
@Controller()
@UseInterceptors(ReadModelFaultsInterceptor)
export class ReadModelsController {
  constructor(
    private readonly host: ReadModelHost,
    private readonly consistency: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('agreements')
  @ApiOkResponse({ type: AgreementListResponse })
  @ApiOperation({ summary: 'List agreements by region prefix and status' })
  async list(@Query() q: AgreementListQueryDto, @Req() request: Request) {
    const models = await this.caughtUp(q.minPosition);
    const { scope } = grantOf(request);
    return listAgreements(models.db, { regionCode: q.regionCode, status: q.status, today: this.today(), scope });
  }

  @Get('agreements/:id')
  @ApiOkResponse({ type: AgreementSummaryResponse })
  @ApiOperation({ summary: 'Agreement summary' })
  async summary(@Param('id', AgreementIdParam) id: string, @Query() q: ConsistencyQueryDto) {
    const result = agreementSummary((await this.caughtUpWith(id, q.minPosition)).db, id, this.today());
    if (result === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
    return result;
  }

  @Get('agreements/:id/coverage')
  @ApiOkResponse({ type: CoverageResponse })
  @ApiOperation({ summary: 'Coverage of one agreement over time (covered members, person-months)' })
  async agreementCoverage(@Param('id', AgreementIdParam) id: string, @Query() q: CoverageQueryDto) {
    const request = this.coverageRequest(q);
    const result = agreementCoverage((await this.caughtUpWith(id, q.minPosition)).db, id, request);
    if (result === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
    return { agreementId: id, ...result };
  }

  @Get('coverage')
  @ApiOkResponse({ type: CoverageResponse })
  @ApiOperation({ summary: 'Coverage over time of a region and the regions below it' })
  async regionCoverage(@Query() q: RegionCoverageQueryDto, @Req() request: Request) {
    const models = await this.caughtUp(q.minPosition);
    const series = regionCoverage(models.db, q.regionCode, this.coverageRequest(q), grantOf(request).scope);
    return { regionCode: q.regionCode ?? null, ...series };
  }

  @Get('benefits')
  @ApiOkResponse({ type: BenefitsResponse })
  @ApiOperation({ summary: 'Benefit disbursements, with totals by program' })
  async benefits(@Query() q: BenefitsQueryDto, @Req() request: Request) {
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      throw new ApplicationError('VALIDATION_FAILED', 'invalid payment date range', [
        { path: 'from', reason: 'must not be after `to`' },
      ]);
    }
    const filter = { ...q, scope: grantOf(request).scope };
    return benefitDisbursements((await this.caughtUp(q.minPosition)).db, filter, pageOf(q));
  }

  @Get('agreements/:id/premiums')
  @ApiOkResponse({ type: PremiumsResponse })
  @ApiOperation({
    summary: 'Premium reconciliation: expected, paid (allocated earliest month first), outstanding, by month',
  })
  async premiums(@Param('id', AgreementIdParam) id: string, @Query() q: PremiumsQueryDto) {
    const asKnownAt = q.asKnownAt === undefined ? undefined : (parseInstant(q.asKnownAt) as string);
    const result = agreementPremiums((await this.caughtUpWith(id, q.minPosition)).db, id, { asKnownAt });
    if (result === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
    return result;
  }

  @Get('reconciliation/premiums')
  @ApiOkResponse({ type: RegionPremiumsResponse })
  @ApiOperation({ summary: 'Premium reconciliation of a region (and the regions below it) for an APBD year' })
  async regionPremiums(@Query() q: ReconciliationQueryDto, @Req() request: Request) {
    const asKnownAt = q.asKnownAt === undefined ? undefined : (parseInstant(q.asKnownAt) as string);
    const models = await this.caughtUp(q.minPosition);
    const scope = grantOf(request).scope;
    return regionPremiums(models.db, { regionCode: q.regionCode, year: q.year, asKnownAt, scope });
  }

  @Get('reconciliation/double-funding')
  @ApiOkResponse({ type: DoubleFundingResponse })
  @ApiOperation({ summary: 'Workers covered by more than one agreement in the same month, one item each' })
  async doubleFunding(@Query() q: DoubleFundingQueryDto, @Req() request: Request) {
    const models = await this.caughtUp(q.minPosition);
    return doubleFunding(models.db, q.regionCode, pageOf(q), grantOf(request).scope);
  }

  @Get('members/:nik')
  @ApiOkResponse({ type: MemberResponse })
  // Look-ups by NIK are rate-limited per subject (enumerating NIKs is slow by design).
  @ApiErrors([429])
  @ApiOperation({ summary: "A worker's coverage across agreements, with any benefit paid" })
  async member(@Param('nik', NikParam) nik: string, @Query() q: RegionQueryDto, @Req() request: Request) {
    const result = memberCoverage((await this.caughtUp(q.minPosition)).db, nik, grantOf(request).scope);
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

  private async caughtUp(minPosition: number | undefined) {
    await this.consistency.waitFor(minPosition, () => this.host.current().runner.appliedPosition());
    return this.host.read((models) => models);
  }

  /** Caught up with `minPosition` and with the agreement's latest event (read your writes without a token). */
  private async caughtUpWith(agreementId: string, minPosition: number | undefined) {
    await this.consistency.waitForAgreement(agreementId, minPosition, {
      appliedVersion: (id) => appliedAgreementVersion(this.host.current().db, id),
      appliedPosition: () => {
        // Behind: ask for a catch-up now rather than at the next poll (for events of another instance).
        this.host.current().runner.notify();
        return this.host.current().runner.appliedPosition();
      },
    });
    return this.host.read((models) => models);
  }

  private today(): string {
    return latestIndonesianDate(this.clock.now());
  }

  private coverageRequest(q: CoverageQueryDto): CoverageRequest {
    const to = q.to ?? this.today();
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

function pageOf(q: PageQueryDto): Page {
  return { limit: q.limit ?? FIRST_PAGE.limit, offset: q.offset ?? FIRST_PAGE.offset };
}
