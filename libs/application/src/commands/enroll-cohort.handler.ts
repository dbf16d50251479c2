import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreements/agreement-command-runner';
import type { CommandResult } from '../command-context';
import { EnrollCohortCommand } from './enroll-cohort.command';
import { planOf } from './plan';

@CommandHandler(EnrollCohortCommand)
export class EnrollCohortHandler implements ICommandHandler<EnrollCohortCommand> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, data, context }: EnrollCohortCommand): Promise<CommandResult> {
    return this.runner.run(planOf(agreementId, { type: 'EnrollCohort', data }), context);
  }
}
