import { Command } from '@nestjs/cqrs';
import type { ExtendPeriod } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

export class ExtendPeriodCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: ExtendPeriod['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
