import { Controller, Get, Param, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError } from '@pks/application';
import { parseInstant } from '@pks/domain';
import {
  agreementMemberItems,
  agreementMembers,
  agreementPayments,
  agreementPremiums,
  benefitDisbursementsJson,
  benefitItems,
  doubleFundingJson,
  doubleFundingItems,
  FIRST_PAGE,
  regionPremiums,
  type Page,
} from '@pks/projections';
import {
  BenefitsQueryDto,
  DoubleFundingQueryDto,
  PageQueryDto,
  PremiumsQueryDto,
  ReconciliationQueryDto,
} from '../dto/read-model-query.dto';
import type { Request } from 'express';
import { grantOf } from '../access/access-request';
import { answer, type AnswerRequest } from '../exports/answer';
import { benefitsExport } from '../exports/reports/benefits.report';
import { doubleFundingExport, membersExport } from '../exports/reports/list.reports';
import { paymentsExport, premiumsExport, regionPremiumsExport } from '../exports/reports/premium.reports';
import { AnswerCtx } from './answer-context.decorator';
import { AgreementIdParam } from './param.pipes';
import { ReadModelFaultsInterceptor } from './read-model-faults.interceptor';
import { ReadModelsGate } from './read-models.gate';
import { ApiAnswer } from './responses/answer.decorator';
import { ApiErrors, QUERY_ERRORS } from './responses/api-errors.decorator';
import {
  BenefitsResponse,
  DoubleFundingResponse,
  MemberListResponse,
  PaymentsResponse,
  PremiumsResponse,
  RegionPremiumsResponse,
} from './responses/read-side.response';

/**
 * What finance staff reconcile and export: premiums and payments, a region's APBD year, double funding,
 * benefits paid, an agreement's members. Each answers JSON, or CSV / XLSX (`?format=` or the Accept header).
 * Region reports and lists answer within the caller's scope (the access guard's grant).
 */
@ApiTags('read models')
@ApiBearerAuth()
@ApiErrors(QUERY_ERRORS)
@Controller()
@UseInterceptors(ReadModelFaultsInterceptor)
export class ReconciliationController {
  constructor(private readonly gate: ReadModelsGate) {}

  @Get('agreements/:id/premiums')
  @ApiAnswer(PremiumsResponse)
  @ApiOperation({ summary: 'Premium reconciliation: expected, paid (allocated earliest month first), outstanding' })
  async premiums(
    @Param('id', AgreementIdParam) id: string,
    @Query() q: PremiumsQueryDto,
    @AnswerCtx() ctx: AnswerRequest,
  ) {
    const db = (await this.gate.caughtUpWith(id, q.minPosition)).reads;
    const result = agreementPremiums(db, id, { asKnownAt: instant(q.asKnownAt) });
    if (result === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
    return answer(
      { ...ctx, format: q.format },
      () => result,
      () => premiumsExport(result),
    );
  }

  @Get('agreements/:id/premium-payments')
  @ApiAnswer(PaymentsResponse)
  @ApiOperation({ summary: "An agreement's premium payments, reversed ones included and marked" })
  async payments(
    @Param('id', AgreementIdParam) id: string,
    @Query() q: PremiumsQueryDto,
    @AnswerCtx() ctx: AnswerRequest,
  ) {
    const db = (await this.gate.caughtUpWith(id, q.minPosition)).reads;
    const result = agreementPayments(db, id, { asKnownAt: instant(q.asKnownAt) });
    if (result === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
    return answer(
      { ...ctx, format: q.format },
      () => result,
      () => paymentsExport(result),
    );
  }

  @Get('reconciliation/premiums')
  @ApiAnswer(RegionPremiumsResponse)
  @ApiOperation({ summary: 'Premium reconciliation of a region (and the regions below it) for an APBD year' })
  async regionPremiums(@Query() q: ReconciliationQueryDto, @AnswerCtx() ctx: AnswerRequest, @Req() request: Request) {
    const models = await this.gate.caughtUp(q.minPosition);
    const report = regionPremiums(models.reads, {
      regionCode: q.regionCode,
      year: q.year,
      asKnownAt: instant(q.asKnownAt),
      scope: grantOf(request).scope,
    });
    return answer(
      { ...ctx, format: q.format },
      () => report,
      () => regionPremiumsExport(report),
    );
  }

  @Get('reconciliation/double-funding')
  @ApiAnswer(DoubleFundingResponse)
  @ApiOperation({ summary: 'Workers covered by more than one agreement in the same month, one item each' })
  async doubleFunding(@Query() q: DoubleFundingQueryDto, @AnswerCtx() ctx: AnswerRequest, @Req() request: Request) {
    const models = await this.gate.caughtUp(q.minPosition);
    const { scope } = grantOf(request);
    return answer(
      { ...ctx, format: q.format },
      () => doubleFundingJson(models.reads, q.regionCode, pageOf(q), scope),
      () => doubleFundingExport(q.regionCode, doubleFundingItems(this.gate.reader, q.regionCode, scope)),
    );
  }

  @Get('benefits')
  @ApiAnswer(BenefitsResponse)
  @ApiOperation({ summary: 'Benefit disbursements, with totals by program' })
  async benefits(@Query() q: BenefitsQueryDto, @AnswerCtx() ctx: AnswerRequest, @Req() request: Request) {
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      throw new ApplicationError('VALIDATION_FAILED', 'invalid payment date range', [
        { path: 'from', reason: 'must not be after `to`' },
      ]);
    }
    const models = await this.gate.caughtUp(q.minPosition);
    const filter = { ...q, scope: grantOf(request).scope };
    return answer(
      { ...ctx, format: q.format },
      () => benefitDisbursementsJson(models.reads, filter, pageOf(q)),
      () => benefitsExport(benefitItems(this.gate.reader, filter)),
    );
  }

  @Get('agreements/:id/members')
  @ApiAnswer(MemberListResponse)
  @ApiOperation({ summary: "An agreement's members in NIK order, with their coverage; an export holds them all" })
  async members(@Param('id', AgreementIdParam) id: string, @Query() q: PageQueryDto, @AnswerCtx() ctx: AnswerRequest) {
    const result = agreementMembers((await this.gate.caughtUpWith(id, q.minPosition)).reads, id, pageOf(q));
    if (result === null) throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${id}`);
    return answer(
      { ...ctx, format: q.format },
      () => result,
      () => membersExport(id, agreementMemberItems(this.gate.reader, id)),
    );
  }
}

function instant(value: string | undefined): string | undefined {
  return value === undefined ? undefined : (parseInstant(value) as string);
}

function pageOf(q: PageQueryDto): Page {
  return { limit: q.limit ?? FIRST_PAGE.limit, offset: q.offset ?? FIRST_PAGE.offset };
}
