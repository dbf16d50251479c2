import {
  agreementStatus,
  expectedPremium,
  lastCoveredDay,
  premiumBalance,
  type AgreementState,
  type AgreementSummary,
  type CalendarDate,
  type SignedAgreement,
} from '@pks/domain';
import { ApplicationError } from '../application.errors';

export type { AgreementSummary } from '@pks/domain';

export function requireAgreement(state: AgreementState, agreementId: string): SignedAgreement {
  if (state.status === 'none') {
    throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${agreementId}`);
  }
  return state;
}

/**
 * The summary of an agreement folded from its stream at a version (the audit view `/state`); the read model
 * answers the same summary at the latest version, from the same domain rules.
 */
export function summarize(state: SignedAgreement, version: number, today: CalendarDate): AgreementSummary {
  const expected = expectedPremium(state);
  const lastDay = lastCoveredDay(state);
  return {
    agreementId: state.agreementId,
    status: agreementStatus({ terminated: state.status === 'terminated', lastCoveredDay: lastDay }, today),
    pemda: state.pemda,
    branch: state.branch,
    pksNumber: state.pksNumber,
    signedOn: state.signedOn,
    coverage: { start: state.start, end: state.end, lastCoveredDay: lastDay },
    programs: state.programs,
    funding: { source: state.fundingSource },
    budget: state.budget,
    ...(state.status === 'terminated' ? { termination: state.termination } : {}),
    cohorts: [...state.cohorts.values()]
      .map(({ cohortId, name, members }) => ({ cohortId, name, members }))
      .sort((a, b) => (a.cohortId < b.cohortId ? -1 : 1)),
    members: state.members.size,
    expectedPremium: expected,
    paidPremium: state.paidPremium,
    ...premiumBalance(expected, state.paidPremium),
    benefits: { count: state.benefits.size, total: state.benefitsTotal },
    version,
  };
}
