import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreements/agreement-command-runner';
import type { CommandResult } from '../command-context';
import { SignAgreementCommand } from './sign-agreement.command';
import { planOf } from './plan';

@CommandHandler(SignAgreementCommand)
export class SignAgreementHandler implements ICommandHandler<SignAgreementCommand> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, data, context }: SignAgreementCommand): Promise<CommandResult> {
    return this.runner.run(planOf(agreementId, { type: 'SignAgreement', data }), context);
  }
}
