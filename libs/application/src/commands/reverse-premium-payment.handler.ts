import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { ReversePremiumPaymentCommand } from './reverse-premium-payment.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(ReversePremiumPaymentCommand)
export class ReversePremiumPaymentHandler implements ICommandHandler<ReversePremiumPaymentCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: ReversePremiumPaymentCommand): Promise<CommandResult> {
    return this.handler.handle(
      agreementCommand(agreementId, { type: 'ReversePremiumPayment', data }, this.people),
      context,
    );
  }
}
