import { Command } from '@nestjs/cqrs';
import type { EnrollCohort } from '@pks/domain';
import type { CommandContext, CommandResult } from '../command-context';

export class EnrollCohortCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly data: EnrollCohort['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}
