import { Command } from '@nestjs/cqrs';
import type { PayDeathBenefit } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

/** The claim as the client sends it; the handler adds the months covered under other agreements. */
export type DeathBenefitClaim = Omit<PayDeathBenefit['data'], 'monthsCoveredElsewhere'>;

export class PayDeathBenefitCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: DeathBenefitClaim,
    readonly context: CommandContext,
  ) {
    super();
  }
}
