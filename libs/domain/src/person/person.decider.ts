import { DomainError } from '../shared/domain-error';
import type { Nik } from '../shared/nik';

/**
 * A person's stream holds the one fact that spans agreements: who holds the person's death benefit. Rule 9
 * says a death benefit is paid once per NIK across all agreements, ever. The claim is appended to the person
 * stream with an expected version before the benefit is appended to the agreement, so that of two concurrent
 * claims at two agreements exactly one wins; a claim whose agreement then refuses it is released.
 */
export interface DeathBenefitClaimed {
  readonly type: 'DeathBenefitClaimed';
  readonly data: { readonly nik: Nik; readonly agreementId: string; readonly claimId: string };
}

export interface DeathBenefitClaimReleased {
  readonly type: 'DeathBenefitClaimReleased';
  readonly data: { readonly nik: Nik; readonly agreementId: string; readonly claimId: string; readonly reason: string };
}

export type PersonEvent = DeathBenefitClaimed | DeathBenefitClaimReleased;

export const PERSON_EVENT_SCHEMA_VERSIONS: Readonly<Record<PersonEvent['type'], number>> = {
  DeathBenefitClaimed: 1,
  DeathBenefitClaimReleased: 1,
};

export interface PersonState {
  readonly claim?: { readonly agreementId: string; readonly claimId: string };
}

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'DeathBenefitClaimed':
      return { claim: { agreementId: event.data.agreementId, claimId: event.data.claimId } };
    case 'DeathBenefitClaimReleased':
      return state.claim?.claimId === event.data.claimId && state.claim.agreementId === event.data.agreementId
        ? {}
        : state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/** Claims the person's death benefit for one claim of one agreement; claiming it again for the same claim is a no-op. */
export function decideClaimDeathBenefit(
  state: PersonState,
  claim: { nik: Nik; agreementId: string; claimId: string },
): DeathBenefitClaimed[] {
  if (state.claim === undefined) return [{ type: 'DeathBenefitClaimed', data: claim }];
  if (state.claim.agreementId === claim.agreementId && state.claim.claimId === claim.claimId) return [];
  throw new DomainError(
    'BENEFIT_ALREADY_PAID',
    `the death benefit of this person is held by claim ${state.claim.claimId} of agreement ${state.claim.agreementId}`,
    { agreementId: state.claim.agreementId, claimId: state.claim.claimId },
  );
}

/** Releases a claim that its agreement refused, so that another claim may be paid. */
export function decideReleaseDeathBenefitClaim(
  state: PersonState,
  claim: { nik: Nik; agreementId: string; claimId: string },
  reason: string,
): DeathBenefitClaimReleased[] {
  const held = state.claim;
  return held?.agreementId === claim.agreementId && held.claimId === claim.claimId
    ? [{ type: 'DeathBenefitClaimReleased', data: { ...claim, reason } }]
    : [];
}

export function personStreamId(nik: Nik): string {
  return `person-${nik}`;
}
