import { DomainError, rejectIfInvalid } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import type { WithdrawMember } from '../agreement.commands';
import type { MemberWithdrawn } from '../agreement.events';
import type { AgreementState } from '../agreement.state';
import { memberWindow } from '../coverage';
import { requireSigned } from './guards';

/**
 * Rule 10: a member withdrawn from a date is covered until the day before. The date lies within the member's
 * coverage (or on the day after its last day would make no change, and is refused), and a member whose death
 * benefit was paid cannot be withdrawn: that would reach back past the death, or change nothing.
 */
export function decideWithdrawMember(state: AgreementState, { data }: WithdrawMember): MemberWithdrawn[] {
  const agreement = requireSigned(state);
  const c = new FieldChecks();
  c.date(data.effectiveDate, 'effectiveDate');
  c.text(data.reason, 'reason', 500);
  rejectIfInvalid(c.issues, 'WithdrawMember');
  const member = agreement.members.get(data.nik);
  if (member === undefined) throw new DomainError('MEMBER_NOT_FOUND', 'no member with this NIK in the agreement');
  const withdrawnFrom = agreement.withdrawals.get(data.nik);
  if (withdrawnFrom !== undefined) {
    throw new DomainError('MEMBER_ALREADY_WITHDRAWN', `the member was withdrawn from ${withdrawnFrom}`, {
      effectiveDate: withdrawnFrom,
    });
  }
  const benefit = agreement.benefits.get(data.nik);
  if (benefit !== undefined) {
    throw new DomainError(
      'INVALID_PERIOD',
      `the member died on ${benefit.dateOfDeath} and the death benefit was paid; coverage already ended`,
      { dateOfDeath: benefit.dateOfDeath, claimId: benefit.claimId },
    );
  }
  const window = memberWindow(agreement, member);
  if (data.effectiveDate < window.from || data.effectiveDate > window.to) {
    throw new DomainError(
      'INVALID_PERIOD',
      `a withdrawal must take effect within the member's coverage, ${window.from} to ${window.to}`,
      { effectiveDate: data.effectiveDate, coverage: window },
    );
  }
  return [{ type: 'MemberWithdrawn', data: { nik: data.nik, effectiveDate: data.effectiveDate, reason: data.reason } }];
}
