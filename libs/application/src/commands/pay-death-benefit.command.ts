import { Command } from '@nestjs/cqrs';
import type { PayDeathBenefit } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

/** The claim as the client sends it. */
export type DeathBenefitClaim = PayDeathBenefit['data'];

export class PayDeathBenefitCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: DeathBenefitClaim,
    readonly context: CommandContext,
  ) {
    super();
  }
}
