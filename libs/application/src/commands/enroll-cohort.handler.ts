import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { EnrollCohortCommand } from './enroll-cohort.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(EnrollCohortCommand)
export class EnrollCohortHandler implements ICommandHandler<EnrollCohortCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: EnrollCohortCommand): Promise<CommandResult> {
    return this.handler.handle(agreementCommand(agreementId, { type: 'EnrollCohort', data }, this.people), context);
  }
}
