import { Command } from '@nestjs/cqrs';
import type { WithdrawMember } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

export class WithdrawMemberCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: WithdrawMember['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
