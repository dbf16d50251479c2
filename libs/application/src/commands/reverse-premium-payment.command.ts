import { Command } from '@nestjs/cqrs';
import type { ReversePremiumPayment } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

export class ReversePremiumPaymentCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: ReversePremiumPayment['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
