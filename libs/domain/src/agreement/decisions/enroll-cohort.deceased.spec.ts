import type { EnrollCohort, MemberRow } from '../agreement.commands';
import { agreementSigned, asEnrolled, given, members, nik, peopleFacts, TODAY } from '../../testing/fixtures';

/** Rule 2: a person whose death benefit was paid under any agreement is not enrolled from after the death. */
const enroll = (rows: MemberRow[], effectiveFrom?: string): EnrollCohort => ({
  type: 'EnrollCohort',
  data: { cohortId: 'petani', name: 'Berkah Petani', members: rows, ...(effectiveFrom ? { effectiveFrom } : {}) },
});
const paidElsewhere = (dateOfDeath: string) => ({
  agreementId: 'bolmong-selatan-2025',
  claimId: 'JKM-77',
  dateOfDeath,
});
const withDeaths = (deaths: Record<string, ReturnType<typeof paidElsewhere>>) => ({
  ...TODAY,
  people: peopleFacts({ deaths }),
});

describe('Rule 2: enrolling a person whose death benefit was paid', () => {
  const signed = agreementSigned();

  it('refuses the batch whole, naming every row enrolled from after the death and its date of death', () => {
    const rows = members(4);
    const context = withDeaths({ [nik(1)]: paidElsewhere('2025-09-30'), [nik(3)]: paidElsewhere('2025-10-15') });
    given([signed])
      .when(enroll(rows, '2025-11-01'), context)
      .thenThrows('MEMBER_DECEASED', [
        { path: 'members[1].nik', dateOfDeath: '2025-09-30' },
        { path: 'members[3].nik', dateOfDeath: '2025-10-15' },
      ]);
  });

  it('refuses a member who died the day before the batch starts', () => {
    given([signed])
      .when(enroll(members(1), '2025-10-02'), withDeaths({ [nik(0)]: paidElsewhere('2025-10-01') }))
      .thenThrows('MEMBER_DECEASED');
  });

  it('enrols a member covered from before the death, and ends the coverage here on the date of death', () => {
    const rows = members(2);
    given([signed])
      .when(enroll(rows, '2025-10-01'), withDeaths({ [nik(1)]: paidElsewhere('2025-10-20') }))
      .then([
        {
          type: 'CohortEnrolled',
          data: { cohortId: 'petani', name: 'Berkah Petani', effectiveFrom: '2025-10-01', members: asEnrolled(rows) },
        },
        {
          type: 'MemberDied',
          data: {
            nik: nik(1),
            dateOfDeath: '2025-10-20',
            benefitAgreementId: 'bolmong-selatan-2025',
            benefitClaimId: 'JKM-77',
          },
        },
      ]);
  });

  it("enrols a member whose death falls on the batch's first day (covered that day)", () => {
    const [, died] = given([signed])
      .when(enroll(members(1), '2025-10-20'), withDeaths({ [nik(0)]: paidElsewhere('2025-10-20') }))
      .then([expect.objectContaining({ type: 'CohortEnrolled' }), expect.objectContaining({ type: 'MemberDied' })]);
    expect(died.type === 'MemberDied' && died.data.dateOfDeath).toBe('2025-10-20');
  });

  it('prices the member who died in October for October only: Rp16,800 x (3 + 1) months for two members', () => {
    const budget = 16_800 * 4;
    const small = agreementSigned({ ...agreementSigned().data, funding: { source: 'APBD', budget } });
    given([small])
      .when(enroll(members(2), '2025-10-01'), withDeaths({ [nik(1)]: paidElsewhere('2025-10-20') }))
      .then([expect.anything(), expect.anything()]);
    given([small])
      .when(enroll(members(2), '2025-10-01'))
      .thenThrows('BUDGET_EXCEEDED', { expectedPremium: 16_800 * 6, ceiling: budget });
  });
});
