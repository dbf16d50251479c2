import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreements/agreement-command-runner';
import type { CommandResult } from '../command-context';
import { RecordPremiumPaymentCommand } from './record-premium-payment.command';
import { planOf } from './plan';

@CommandHandler(RecordPremiumPaymentCommand)
export class RecordPremiumPaymentHandler implements ICommandHandler<RecordPremiumPaymentCommand> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, data, context }: RecordPremiumPaymentCommand): Promise<CommandResult> {
    return this.runner.run(planOf(agreementId, { type: 'RecordPremiumPayment', data }), context);
  }
}
