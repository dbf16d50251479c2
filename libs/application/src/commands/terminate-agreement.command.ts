import { Command } from '@nestjs/cqrs';
import type { TerminateAgreement } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

export class TerminateAgreementCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: TerminateAgreement['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
