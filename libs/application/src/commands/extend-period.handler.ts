import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreements/agreement-command-runner';
import type { CommandResult } from '../command-context';
import { ExtendPeriodCommand } from './extend-period.command';
import { planOf } from './plan';

@CommandHandler(ExtendPeriodCommand)
export class ExtendPeriodHandler implements ICommandHandler<ExtendPeriodCommand> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, data, context }: ExtendPeriodCommand): Promise<CommandResult> {
    return this.runner.run(planOf(agreementId, { type: 'ExtendPeriod', data }), context);
  }
}
