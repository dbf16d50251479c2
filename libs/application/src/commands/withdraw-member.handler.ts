import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreements/agreement-command-runner';
import type { CommandResult } from '../command-context';
import { WithdrawMemberCommand } from './withdraw-member.command';
import { planOf } from './plan';

@CommandHandler(WithdrawMemberCommand)
export class WithdrawMemberHandler implements ICommandHandler<WithdrawMemberCommand> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, data, context }: WithdrawMemberCommand): Promise<CommandResult> {
    return this.runner.run(planOf(agreementId, { type: 'WithdrawMember', data }), context);
  }
}
