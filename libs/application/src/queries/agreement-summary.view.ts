import {
  expectedPremium,
  lastCoveredDay,
  type AgreementState,
  type CalendarDate,
  type SignedAgreement,
} from '@pks/domain';
import { ApplicationError } from '../application.errors';

/** API.md "summary": what dashboards and finance staff see of one agreement. */
export interface AgreementSummary {
  readonly agreementId: string;
  readonly status: 'active' | 'expired' | 'terminated';
  readonly pemda: { regionCode: string; name: string };
  readonly branch: { code: string; name: string };
  readonly pksNumber: string;
  readonly signedOn: CalendarDate;
  readonly coverage: { start: CalendarDate; end: CalendarDate; lastCoveredDay: CalendarDate };
  readonly programs: readonly string[];
  readonly funding: { source: string };
  readonly budget: number;
  readonly termination?: { effectiveDate: CalendarDate; reason: string };
  readonly cohorts: { cohortId: string; name: string; members: number }[];
  readonly members: number;
  readonly expectedPremium: number;
  readonly paidPremium: number;
  readonly outstanding: number;
  readonly refundable: number;
  readonly benefits: { count: number; total: number };
  readonly version: number;
}

export function requireAgreement(state: AgreementState, agreementId: string): SignedAgreement {
  if (state.status === 'none') {
    throw new ApplicationError('AGREEMENT_NOT_FOUND', `no agreement ${agreementId}`);
  }
  return state;
}

/** The summary of an agreement at a stream version; "expired" when its last covered day is before `today`. */
export function summarize(state: SignedAgreement, version: number, today: CalendarDate): AgreementSummary {
  const expected = expectedPremium(state);
  const lastDay = lastCoveredDay(state);
  const status = state.status === 'terminated' ? 'terminated' : lastDay < today ? 'expired' : 'active';
  return {
    agreementId: state.agreementId,
    status,
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
    outstanding: Math.max(0, expected - state.paidPremium),
    refundable: Math.max(0, state.paidPremium - expected),
    benefits: { count: state.benefits.size, total: state.benefitsTotal },
    version,
  };
}
