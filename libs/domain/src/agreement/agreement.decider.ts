import { streamIdOf } from '../ledger/stream-categories';
import type { AgreementCommand, DecisionContext } from './agreement.commands';
import type { AgreementEvent } from './agreement.events';
import { evolve, initialAgreementState, type AgreementState } from './agreement.state';
import { decideCorrectMember } from './decisions/correct-member.decision';
import { decideEnrollCohort } from './decisions/enroll-cohort.decision';
import { decideExtendPeriod } from './decisions/extend-period.decision';
import { decidePayDeathBenefit } from './decisions/pay-death-benefit.decision';
import { decideRecordMemberDeath } from './decisions/record-member-death.decision';
import { decideRecordPremiumPayment } from './decisions/record-premium-payment.decision';
import { decideReversePremiumPayment } from './decisions/reverse-premium-payment.decision';
import { decideSignAgreement } from './decisions/sign-agreement.decision';
import { decideTerminateAgreement } from './decisions/terminate-agreement.decision';
import { decideWithdrawMember } from './decisions/withdraw-member.decision';

/**
 * The agreement's decider: `decide` turns a command into events or throws a DomainError; `evolve` folds events
 * into state. Both are pure: the handler passes in what only it can know (today's date, other streams).
 */
export function decide(state: AgreementState, command: AgreementCommand, context: DecisionContext): AgreementEvent[] {
  switch (command.type) {
    case 'SignAgreement':
      return decideSignAgreement(state, command, context);
    case 'EnrollCohort':
      return decideEnrollCohort(state, command, context);
    case 'ExtendPeriod':
      return decideExtendPeriod(state, command);
    case 'PayDeathBenefit':
      return decidePayDeathBenefit(state, command, context);
    case 'RecordPremiumPayment':
      return decideRecordPremiumPayment(state, command, context);
    case 'ReversePremiumPayment':
      return decideReversePremiumPayment(state, command, context);
    case 'CorrectMember':
      return decideCorrectMember(state, command, context);
    case 'WithdrawMember':
      return decideWithdrawMember(state, command);
    case 'RecordMemberDeath':
      return decideRecordMemberDeath(state, command);
    case 'TerminateAgreement':
      return decideTerminateAgreement(state, command);
    default: {
      const unknownCommand: never = command;
      return unknownCommand;
    }
  }
}

export const agreementDecider = { decide, evolve, initialState: initialAgreementState };

/** Stream of an agreement. */
export function agreementStreamId(agreementId: string): string {
  return streamIdOf('agreement', agreementId);
}
