import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { SignAgreementCommand } from './sign-agreement.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(SignAgreementCommand)
export class SignAgreementHandler implements ICommandHandler<SignAgreementCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: SignAgreementCommand): Promise<CommandResult> {
    return this.handler.handle(agreementCommand(agreementId, { type: 'SignAgreement', data }, this.people), context);
  }
}
