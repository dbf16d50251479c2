import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { TerminateAgreementCommand } from './terminate-agreement.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(TerminateAgreementCommand)
export class TerminateAgreementHandler implements ICommandHandler<TerminateAgreementCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: TerminateAgreementCommand): Promise<CommandResult> {
    return this.handler.handle(
      agreementCommand(agreementId, { type: 'TerminateAgreement', data }, this.people),
      context,
    );
  }
}
