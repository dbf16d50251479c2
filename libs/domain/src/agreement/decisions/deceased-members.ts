import type { CalendarDate } from '../../shared/calendar-date';
import { DomainError } from '../../shared/domain-error';
import type { PeopleFacts } from '../../person/people-facts';
import type { EnrolledMember, MemberDied } from '../agreement.events';

/**
 * Rule 2 for people whose death benefit was paid under another agreement: enrolled from a date after the
 * death, the batch is refused whole, naming every such row; enrolled from a date on or before it (coverage
 * recorded late, as retroactive starts are normal), the coverage here ends on the date of death, recorded in
 * the same append as the enrolment so that no reader ever sees the person covered after it.
 */
export function deathsOfEnrolled(
  members: readonly EnrolledMember[],
  effectiveFrom: CalendarDate,
  people: PeopleFacts,
): MemberDied[] {
  const deceased = members
    .map((member, row) => ({ row, member, death: people.deathOf(member.nik) }))
    .filter((entry) => entry.death !== undefined);
  const afterDeath = deceased.filter(({ death }) => effectiveFrom > (death?.dateOfDeath as string));
  if (afterDeath.length > 0) {
    throw new DomainError(
      'MEMBER_DECEASED',
      `${afterDeath.length} member(s) of the batch died before ${effectiveFrom}, the batch's first covered day`,
      afterDeath.map(({ row, death }) => ({ path: `members[${row}].nik`, dateOfDeath: death?.dateOfDeath })),
    );
  }
  return deceased.map(({ member, death }) => ({
    type: 'MemberDied',
    data: {
      nik: member.nik,
      dateOfDeath: death?.dateOfDeath as string,
      benefitAgreementId: death?.agreementId as string,
      benefitClaimId: death?.claimId as string,
    },
  }));
}
