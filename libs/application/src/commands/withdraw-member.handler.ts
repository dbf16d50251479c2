import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { WithdrawMemberCommand } from './withdraw-member.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(WithdrawMemberCommand)
export class WithdrawMemberHandler implements ICommandHandler<WithdrawMemberCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: WithdrawMemberCommand): Promise<CommandResult> {
    return this.handler.handle(agreementCommand(agreementId, { type: 'WithdrawMember', data }, this.people), context);
  }
}
