import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { ExtendPeriodCommand } from './extend-period.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(ExtendPeriodCommand)
export class ExtendPeriodHandler implements ICommandHandler<ExtendPeriodCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: ExtendPeriodCommand): Promise<CommandResult> {
    return this.handler.handle(agreementCommand(agreementId, { type: 'ExtendPeriod', data }, this.people), context);
  }
}
