import type { CalendarDate, CalendarMonth } from '../shared/calendar-date';
import type { Nik } from '../shared/nik';
import type { AgreementEvent } from '../agreement/agreement.events';

/**
 * Facts about a person that span agreements (rules 2 and 9): whose death benefit was paid, and under which
 * agreements a person was covered. The handler gathers them from the write-side index and hands them to the
 * decider, which never looks them up itself.
 */
export interface PaidDeath {
  readonly agreementId: string;
  readonly claimId: string;
  readonly dateOfDeath: CalendarDate;
}

export interface PeopleFacts {
  /** The death benefit paid for this NIK under any agreement, if one was. */
  deathOf(nik: Nik): PaidDeath | undefined;
  /** Months the NIK was covered under other agreements, up to and including `upTo`'s month. */
  monthsCoveredElsewhere(nik: Nik, upTo: CalendarDate): readonly CalendarMonth[];
}

/** People about whom nothing is known elsewhere: every NIK alive, covered nowhere else. */
export const NO_PEOPLE_FACTS: PeopleFacts = { deathOf: () => undefined, monthsCoveredElsewhere: () => [] };

/** Index key of a NIK's enrolment in an agreement: one per agreement holding the NIK. */
export function memberKey(nik: Nik): string {
  return `member:${nik}`;
}

/** Index key of a NIK's death benefit: unique, since rule 9 pays it once per person, ever. */
export function deathKey(nik: Nik): string {
  return `death:${nik}`;
}

/** The index entries an agreement event gives its people: enrolments and the death benefit. */
export function peopleKeysOf(event: AgreementEvent): { key: string; unique?: boolean }[] {
  switch (event.type) {
    case 'CohortEnrolled':
    case 'CohortBatchEnrolled':
      return event.data.members.map((member) => ({ key: memberKey(member.nik) }));
    case 'DeathBenefitPaid':
      return [{ key: deathKey(event.data.nik), unique: true }];
    case 'AgreementSigned':
    case 'PeriodExtended':
    case 'PremiumPaymentRecorded':
    case 'PremiumPaymentReversed':
    case 'MemberCorrected':
    case 'MemberWithdrawn':
    case 'MemberDied':
    case 'AgreementTerminated':
      return [];
  }
}
