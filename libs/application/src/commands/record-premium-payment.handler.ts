import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-context';
import { PeopleDirectory } from '../people/people-directory';
import { agreementCommand } from './agreement-command';
import { RecordPremiumPaymentCommand } from './record-premium-payment.command';
import { StreamCommandHandler } from './stream-command-handler';

@CommandHandler(RecordPremiumPaymentCommand)
export class RecordPremiumPaymentHandler implements ICommandHandler<RecordPremiumPaymentCommand> {
  constructor(
    private readonly handler: StreamCommandHandler,
    private readonly people: PeopleDirectory,
  ) {}

  execute({ agreementId, data, context }: RecordPremiumPaymentCommand): Promise<CommandResult> {
    return this.handler.handle(
      agreementCommand(agreementId, { type: 'RecordPremiumPayment', data }, this.people),
      context,
    );
  }
}
