import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { CorrectMemberCommand } from './correct-member.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(CorrectMemberCommand)
export class CorrectMemberHandler implements ICommandHandler<CorrectMemberCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: CorrectMemberCommand): Promise<CommandResult> {
    return this.handler.handle(agreementCommand(agreementId, { type: 'CorrectMember', data }, this.people), context);
  }
}
