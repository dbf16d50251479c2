import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreements/agreement-command-runner';
import type { CommandResult } from '../command-context';
import { TerminateAgreementCommand } from './terminate-agreement.command';
import { planOf } from './plan';

@CommandHandler(TerminateAgreementCommand)
export class TerminateAgreementHandler implements ICommandHandler<TerminateAgreementCommand> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, data, context }: TerminateAgreementCommand): Promise<CommandResult> {
    return this.runner.run(planOf(agreementId, { type: 'TerminateAgreement', data }), context);
  }
}
