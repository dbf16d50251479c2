import { Command } from '@nestjs/cqrs';
import type { SignAgreement } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

export class SignAgreementCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: SignAgreement['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
