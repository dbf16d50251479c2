import { Command } from '@nestjs/cqrs';
import type { CorrectMember } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

export class CorrectMemberCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: CorrectMember['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
