import { DomainError } from '../../shared/domain-error';
import type { ActiveAgreement, AgreementState, SignedAgreement } from '../agreement.state';

export function requireSigned(state: AgreementState): SignedAgreement {
  if (state.status === 'none') throw new DomainError('AGREEMENT_NOT_FOUND', 'no agreement with this id');
  return state;
}

/** Enrolment and extension need an agreement that is not terminated (rule 10). */
export function requireActive(state: AgreementState): ActiveAgreement {
  const signed = requireSigned(state);
  if (signed.status === 'terminated') {
    throw new DomainError(
      'AGREEMENT_TERMINATED',
      `agreement ${signed.agreementId} was terminated from ${signed.termination.effectiveDate}`,
      { effectiveDate: signed.termination.effectiveDate },
    );
  }
  return signed;
}

export function requireNotInFuture(date: string, today: string, what: string): void {
  if (date > today) {
    throw new DomainError('DATE_IN_FUTURE', `${what} ${date} is after today (${today})`, { [what]: date, today });
  }
}
