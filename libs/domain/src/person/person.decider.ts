import { streamIdOf } from '../ledger/stream-categories';
import type { Nik } from '../shared/nik';

/**
 * A person's stream (`person-<nik>`). Up to schema 1 of the ledger it held the claim that made rule 9 (a death
 * benefit once per NIK across agreements) hold under concurrency: a claim appended before the benefit, and
 * released when the agreement refused it. The store's index now keeps that fact in the same transaction as the
 * benefit (people-facts.ts), so nothing appends to person streams any more; their events stay readable as the
 * history they are.
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

/** A person's stream folded: the claim it held last, if any. */
export type PersonState =
  | { readonly status: 'unclaimed' }
  | { readonly status: 'claimed'; readonly agreementId: string; readonly claimId: string };

export const initialPersonState: PersonState = { status: 'unclaimed' };

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'DeathBenefitClaimed':
      return { status: 'claimed', agreementId: event.data.agreementId, claimId: event.data.claimId };
    case 'DeathBenefitClaimReleased':
      return state.status === 'claimed' &&
        state.claimId === event.data.claimId &&
        state.agreementId === event.data.agreementId
        ? initialPersonState
        : state;
  }
}

export function personStreamId(nik: Nik): string {
  return streamIdOf('person', nik);
}
