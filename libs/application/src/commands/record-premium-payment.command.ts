import { Command } from '@nestjs/cqrs';
import type { RecordPremiumPayment } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

export class RecordPremiumPaymentCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: RecordPremiumPayment['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
