import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { PayDeathBenefitCommand } from './pay-death-benefit.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(PayDeathBenefitCommand)
export class PayDeathBenefitHandler implements ICommandHandler<PayDeathBenefitCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: PayDeathBenefitCommand): Promise<CommandResult> {
    return this.handler.handle(agreementCommand(agreementId, { type: 'PayDeathBenefit', data }, this.people), context);
  }
}
