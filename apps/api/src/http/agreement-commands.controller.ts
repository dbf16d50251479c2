import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import {
  CorrectMemberCommand,
  EnrollCohortCommand,
  ExtendPeriodCommand,
  PayDeathBenefitCommand,
  RecordPremiumPaymentCommand,
  ReversePremiumPaymentCommand,
  SignAgreementCommand,
  TerminateAgreementCommand,
  WithdrawMemberCommand,
  type CommandContext,
  type CommandResult,
} from '@pks/application';
import {
  EffectiveDateDto,
  ExtendPeriodDto,
  PayDeathBenefitDto,
  RecordPremiumPaymentDto,
} from '../dto/agreement-commands.dto';
import { EnrollBatchDto, EnrollCohortDto } from '../dto/enroll-cohort.dto';
import { CorrectMemberDto, ReversePremiumPaymentDto } from '../dto/money-commands.dto';
import { SignAgreementDto } from '../dto/sign-agreement.dto';
import { CommandCtx } from './command-context.decorator';
import { AgreementIdParam, CohortIdParam, NikParam, PaymentIdParam } from './param.pipes';
import { ApiErrors, COMMAND_ERRORS } from './responses/api-errors.decorator';
import { CommandResultResponse, DeathBenefitResultResponse } from './responses/command.response';

/** The write side of API.md: each route sends one command and answers `{ agreementId, version, position }`. */
@ApiTags('commands')
@ApiBearerAuth()
@ApiErrors(COMMAND_ERRORS)
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'a retry with the same key and body returns the first answer',
})
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'fail with 412 unless the agreement is at this version, e.g. "3"',
})
@Controller('agreements')
export class AgreementCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'SignAgreement' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  sign(@Body() body: SignAgreementDto, @CommandCtx() ctx: CommandContext): Promise<CommandResult> {
    return this.commands.execute(new SignAgreementCommand(body.agreementId, body, ctx));
  }

  @Post(':id/cohorts')
  @HttpCode(201)
  @ApiOperation({ summary: 'EnrollCohort: the first batch of a new cohort' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  enrollCohort(
    @Param('id', AgreementIdParam) id: string,
    @Body() body: EnrollCohortDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new EnrollCohortCommand(id, body, ctx));
  }

  @Post(':id/cohorts/:cohortId/members')
  @HttpCode(201)
  @ApiOperation({ summary: 'EnrollCohort: the next batch of an existing cohort' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  enrollBatch(
    @Param('id', AgreementIdParam) id: string,
    @Param('cohortId', CohortIdParam) cohortId: string,
    @Body() body: EnrollBatchDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new EnrollCohortCommand(id, { ...body, cohortId }, ctx));
  }

  @Post(':id/extensions')
  @HttpCode(201)
  @ApiOperation({ summary: 'ExtendPeriod' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  extend(@Param('id', AgreementIdParam) id: string, @Body() body: ExtendPeriodDto, @CommandCtx() ctx: CommandContext) {
    return this.commands.execute(new ExtendPeriodCommand(id, body, ctx));
  }

  @Post(':id/death-benefits')
  @HttpCode(201)
  @ApiOperation({ summary: 'PayDeathBenefit: answers with the benefit paid' })
  @ApiCreatedResponse({ type: DeathBenefitResultResponse })
  payDeathBenefit(
    @Param('id', AgreementIdParam) id: string,
    @Body() body: PayDeathBenefitDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new PayDeathBenefitCommand(id, body, ctx));
  }

  @Post(':id/premium-payments')
  @HttpCode(201)
  @ApiOperation({ summary: 'RecordPremiumPayment' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  recordPayment(
    @Param('id', AgreementIdParam) id: string,
    @Body() body: RecordPremiumPaymentDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new RecordPremiumPaymentCommand(id, body, ctx));
  }

  @Post(':id/premium-payments/:paymentId/reversal')
  @HttpCode(201)
  @ApiOperation({ summary: 'ReversePremiumPayment: a cancelled SP2D no longer counts as paid; both stay recorded' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  reversePayment(
    @Param('id', AgreementIdParam) id: string,
    @Param('paymentId', PaymentIdParam) paymentId: string,
    @Body() body: ReversePremiumPaymentDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new ReversePremiumPaymentCommand(id, { ...body, paymentId }, ctx));
  }

  @Post(':id/members/:nik/corrections')
  @HttpCode(201)
  @ApiOperation({ summary: 'CorrectMember: name, occupation, village, income from a month on, or the NIK' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  correctMember(
    @Param('id', AgreementIdParam) id: string,
    @Param('nik', NikParam) nik: string,
    @Body() body: CorrectMemberDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new CorrectMemberCommand(id, { ...body, nik }, ctx));
  }

  @Post(':id/members/:nik/withdrawal')
  @HttpCode(201)
  @ApiOperation({ summary: 'WithdrawMember: coverage ends the day before effectiveDate' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  withdraw(
    @Param('id', AgreementIdParam) id: string,
    @Param('nik', NikParam) nik: string,
    @Body() body: EffectiveDateDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new WithdrawMemberCommand(id, { ...body, nik }, ctx));
  }

  @Post(':id/termination')
  @HttpCode(201)
  @ApiOperation({ summary: 'TerminateAgreement: coverage ends the day before effectiveDate' })
  @ApiCreatedResponse({ type: CommandResultResponse })
  terminate(
    @Param('id', AgreementIdParam) id: string,
    @Body() body: EffectiveDateDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commands.execute(new TerminateAgreementCommand(id, body, ctx));
  }
}
