import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  coveredMonths,
  decide,
  memberWindow,
  type AgreementEvent,
  type AgreementState,
  type CalendarMonth,
  type DeathBenefitPaid,
} from '@pks/domain';
import { AgreementCommandRunner } from '../agreements/agreement-command-runner';
import { ID_GENERATOR, type IdGenerator } from '../ports/clock.port';
import type { CommandContext } from '../command-context';
import { planOf } from './plan';
import { AgreementStreams } from '../agreements/agreement-streams';
import { PersonStreams } from '../agreements/person-streams';
import type { CommandResult } from '../command-context';
import { MEMBER_DIRECTORY, type MemberDirectory } from '../ports/member-directory.port';
import { PayDeathBenefitCommand, type DeathBenefitClaim } from './pay-death-benefit.command';

/**
 * Pays a death benefit: decided by the agreement, then claimed on the person's stream (once per NIK across all
 * agreements, under concurrency), then appended to the agreement. A claim the agreement finally refuses is
 * released.
 */
@CommandHandler(PayDeathBenefitCommand)
export class PayDeathBenefitHandler implements ICommandHandler<PayDeathBenefitCommand> {
  private readonly logger = new Logger(PayDeathBenefitHandler.name);

  constructor(
    private readonly runner: AgreementCommandRunner,
    private readonly agreements: AgreementStreams,
    private readonly persons: PersonStreams,
    @Inject(MEMBER_DIRECTORY) private readonly directory: MemberDirectory,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute({ agreementId, data, context }: PayDeathBenefitCommand): Promise<CommandResult> {
    const claim = { nik: data.nik, agreementId, claimId: data.claimId };
    try {
      const result = await this.runner.run(
        {
          agreementId,
          decide: async (state, today) =>
            decide(
              state,
              {
                type: 'PayDeathBenefit',
                data: { ...data, monthsCoveredElsewhere: await this.monthsCoveredElsewhere(agreementId, state, data) },
              },
              { today },
            ),
          beforeAppend: () => this.persons.claimDeathBenefit(claim, context),
          onRefused: (error) => this.releaseUnlessPaid(claim, context, error),
          describe: (events) => ({ benefit: benefitOf(events) }),
        },
        context,
      );
      await this.recordDeathElsewhere(agreementId, data, context);
      return result;
    } catch (error) {
      // The claim was paid before (a retry without Idempotency-Key): finish what a crash may have interrupted.
      if (await this.isPaid(claim)) await this.recordDeathElsewhere(agreementId, data, context);
      throw error;
    }
  }

  /** Gives the person's claim back, unless the agreement holds this very benefit (a concurrent twin paid it). */
  private async releaseUnlessPaid(claim: Claim, context: CommandContext, error: unknown): Promise<void> {
    if (!(await this.isPaid(claim)))
      await this.persons.releaseDeathBenefitClaim(claim, context, describeRefusal(error));
  }

  private async isPaid(claim: Claim): Promise<boolean> {
    const { state } = await this.agreements.load(claim.agreementId);
    return state.status !== 'none' && state.claimIds.get(claim.claimId) === claim.nik;
  }

  /**
   * Ends the worker's coverage in every other agreement on the date of death (rule 2). Repeating it changes
   * nothing, so a retry of the claim (same Idempotency-Key or claimId) completes what a crash interrupted. The
   * benefit is paid by then: a failure here is logged, never reported as a refusal of the payment.
   */
  private async recordDeathElsewhere(agreementId: string, data: DeathBenefitClaim, context: CommandContext) {
    const death = {
      nik: data.nik,
      dateOfDeath: data.dateOfDeath,
      benefitAgreementId: agreementId,
      benefitClaimId: data.claimId,
    };
    try {
      for (const otherId of await this.directory.agreementsOf(data.nik)) {
        if (otherId === agreementId) continue;
        await this.runner.run(planOf(otherId, { type: 'RecordMemberDeath', data: death }), {
          commandId: this.ids.newId(),
          actor: context.actor,
          correlationId: context.correlationId,
          causationId: context.commandId,
        });
      }
    } catch (error) {
      this.logger.error(
        `death of ${agreementId}/${data.claimId} not recorded in every other agreement: ${String(error)}`,
      );
    }
  }

  /** Months the person was covered under other agreements up to the death: scholarship counts them all. */
  private async monthsCoveredElsewhere(
    agreementId: string,
    state: AgreementState,
    data: DeathBenefitClaim,
  ): Promise<CalendarMonth[]> {
    if (state.status === 'none' || !state.members.has(data.nik)) return [];
    const months: CalendarMonth[] = [];
    for (const otherId of await this.directory.agreementsOf(data.nik)) {
      if (otherId === agreementId) continue;
      const other = (await this.agreements.load(otherId)).state;
      const member = other.status === 'none' ? undefined : other.members.get(data.nik);
      if (other.status !== 'none' && member)
        months.push(...coveredMonths(memberWindow(other, member), data.dateOfDeath));
    }
    return months;
  }
}

type Claim = { nik: string; agreementId: string; claimId: string };

function benefitOf(events: readonly AgreementEvent[]) {
  const paid = events.find((event): event is DeathBenefitPaid => event.type === 'DeathBenefitPaid');
  return paid?.data.benefit;
}

function describeRefusal(error: unknown): string {
  return error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'refused';
}
