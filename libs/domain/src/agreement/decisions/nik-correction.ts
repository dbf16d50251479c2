import { DomainError } from '../../shared/domain-error';
import type { PeopleFacts } from '../../person/people-facts';
import type { CorrectMember } from '../agreement.commands';
import {
  NIK_CORRECTION,
  type CohortBatchEnrolled,
  type EnrolledMember,
  type MemberCorrected,
  type MemberDied,
  type MemberWithdrawn,
} from '../agreement.events';
import type { Member, SignedAgreement } from '../agreement.state';
import { requireWithinBudget } from './budget';
import { deathsOfEnrolled } from './deceased-members';

/**
 * Rule 13 for a NIK: never corrected in place. The wrong NIK is withdrawn (reason `nik-correction`) from the day
 * its coverage began, so it was never covered, and the right one is enrolled in the same cohort from that day,
 * with the member's record and income timeline; a MemberCorrected names the NIK it replaces. One append: no
 * reader sees the member twice or not at all. Allowed after a termination: it corrects a record, not a decision
 * to cover someone new.
 */
export function decideNikCorrection(
  agreement: SignedAgreement,
  member: Member,
  data: CorrectMember['data'],
  people: PeopleFacts,
): (MemberWithdrawn | CohortBatchEnrolled | MemberCorrected | MemberDied)[] {
  const rightNik = data.correctedNik as string;
  requireMovable(agreement, member);
  requireNotEnrolled(agreement, rightNik);
  const enrolled: EnrolledMember = {
    nik: rightNik,
    name: data.name ?? member.name,
    occupation: data.occupation ?? member.occupation,
    villageCode: data.villageCode ?? member.villageCode,
    declaredIncome: member.declaredIncome,
  };
  const reason = data.reason;
  return requireWithinBudget(agreement, [
    { type: 'MemberWithdrawn', data: { nik: member.nik, effectiveDate: member.coveredFrom, reason: NIK_CORRECTION } },
    enrolledAgain(agreement, member, enrolled),
    ...(agreement.incomeTimelines.get(member.nik) ?? []).map((income): MemberCorrected => ({
      type: 'MemberCorrected',
      data: { nik: rightNik, income, reason },
    })),
    { type: 'MemberCorrected', data: { nik: rightNik, correctsNik: member.nik, reason } },
    ...deathsOf(enrolled, member.coveredFrom, people),
  ]);
}

/** The right NIK as the next batch of the member's cohort, covered from the day the wrong one was. */
function enrolledAgain(agreement: SignedAgreement, member: Member, enrolled: EnrolledMember): CohortBatchEnrolled {
  const batch = (agreement.cohorts.get(member.cohortId)?.batches ?? 0) + 1;
  return {
    type: 'CohortBatchEnrolled',
    data: { cohortId: member.cohortId, batch, effectiveFrom: member.coveredFrom, members: [enrolled] },
  };
}

function requireNotEnrolled(agreement: SignedAgreement, rightNik: string): void {
  const cohortId = agreement.members.get(rightNik)?.cohortId;
  if (cohortId !== undefined) {
    throw new DomainError('MEMBER_ALREADY_ENROLLED', 'the corrected NIK is already enrolled in this agreement', [
      { path: 'correctedNik', nik: rightNik, cohortId },
    ]);
  }
}

/** A member whose coverage already ended by a benefit or a withdrawal cannot be moved to another NIK. */
function requireMovable(agreement: SignedAgreement, member: Member): void {
  const benefit = agreement.benefits.get(member.nik);
  if (benefit !== undefined) {
    throw new DomainError('BENEFIT_ALREADY_PAID', 'the death benefit was paid under this NIK: its record stands', {
      claimId: benefit.claimId,
    });
  }
  const withdrawnFrom = agreement.withdrawals.get(member.nik);
  if (withdrawnFrom !== undefined) {
    throw new DomainError(
      'MEMBER_ALREADY_WITHDRAWN',
      `the member was withdrawn from ${withdrawnFrom}; a NIK is corrected while the member is enrolled`,
      { effectiveDate: withdrawnFrom },
    );
  }
}

/** Rule 2 for the right NIK, as for any enrolment; the refusal names the field, not a row of a batch. */
function deathsOf(enrolled: EnrolledMember, coveredFrom: string, people: PeopleFacts): MemberDied[] {
  const death = people.deathOf(enrolled.nik);
  if (death !== undefined && coveredFrom > death.dateOfDeath) {
    throw new DomainError('MEMBER_DECEASED', `the person of the corrected NIK died before ${coveredFrom}`, [
      { path: 'correctedNik', dateOfDeath: death.dateOfDeath },
    ]);
  }
  return deathsOfEnrolled([enrolled], coveredFrom, people);
}
