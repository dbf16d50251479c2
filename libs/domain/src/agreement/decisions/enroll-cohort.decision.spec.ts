import type { EnrollCohort, MemberRow } from '../agreement.commands';
import {
  agreementSigned,
  asEnrolled,
  cohortBatchEnrolled,
  cohortEnrolled,
  given,
  members,
  nik,
  SUMBA_BARAT_DAYA,
} from '../../testing/fixtures';

const enroll = (data: Partial<EnrollCohort['data']> & { members: MemberRow[] }): EnrollCohort => ({
  type: 'EnrollCohort',
  data: { cohortId: 'berkah-nelayan', name: 'Program Berkah Nelayan', ...data },
});
const nextBatch = (cohortId: string, rows: MemberRow[], effectiveFrom?: string): EnrollCohort => ({
  type: 'EnrollCohort',
  data: { cohortId, members: rows, ...(effectiveFrom ? { effectiveFrom } : {}) },
});

describe('Rule 2: enrolling cohorts and members', () => {
  const signed = agreementSigned();

  it('enrols the first batch of a new cohort from the agreement start, at the default income Rp1,000,000', () => {
    const rows = members(3);
    given([signed])
      .when(enroll({ members: rows }))
      .then([
        {
          type: 'CohortEnrolled',
          data: {
            cohortId: 'berkah-nelayan',
            name: 'Program Berkah Nelayan',
            effectiveFrom: '2025-10-01',
            members: rows.map((row) => ({ ...row, declaredIncome: 1_000_000 })),
          },
        },
      ]);
  });

  it("applies the agreement's own default income when it has one", () => {
    const rows = members(2);
    given([agreementSigned({ ...SUMBA_BARAT_DAYA, defaultDeclaredIncome: 2_000_000 })])
      .when(enroll({ members: rows }))
      .then([expect.objectContaining({ data: expect.objectContaining({ members: asEnrolled(rows, 2_000_000) }) })]);
  });

  it('keeps a declared income given on the row', () => {
    const rows = members(1, 0, 3_500_000);
    const [event] = given([signed])
      .when(enroll({ members: rows }))
      .then([expect.anything()]);
    expect(event.type === 'CohortEnrolled' && event.data.members[0].declaredIncome).toBe(3_500_000);
  });

  it.each([1_000_000, 20_700_000])('accepts a declared income of Rp%i, a bound of the allowed range', (income) => {
    given([signed])
      .when(enroll({ members: members(1, 0, income) }))
      .then([expect.anything()]);
  });

  it.each([999_999, 20_700_001, 1_500_000.5, 0])('refuses a declared income of Rp%s, naming the row', (income) => {
    const rows = [...members(1), ...members(1, 1, income)];
    given([signed])
      .when(enroll({ members: rows }))
      .thenThrows('VALIDATION_FAILED', [
        {
          path: 'members[1].declaredIncome',
          reason: 'must be a whole number of rupiah from 1000000 to 20700000',
        },
      ]);
  });

  it('starts coverage on the effective date of the batch when one is given', () => {
    given([signed])
      .when(enroll({ members: members(1), effectiveFrom: '2025-11-15' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ effectiveFrom: '2025-11-15' }) })]);
  });

  it('accepts an effective date on the last day of the agreement', () => {
    given([signed])
      .when(enroll({ members: members(1), effectiveFrom: '2025-12-31' }))
      .then([expect.anything()]);
  });

  it.each(['2025-09-30', '2026-01-01'])('refuses an effective date outside the period (%s)', (effectiveFrom) => {
    given([signed])
      .when(enroll({ members: members(1), effectiveFrom }))
      .thenThrows('INVALID_PERIOD', { effectiveFrom, start: '2025-10-01', end: '2025-12-31' });
  });

  it('numbers the later batches of a cohort', () => {
    const history = [
      signed,
      cohortEnrolled('berkah-petani', 'Berkah Petani', members(2)),
      cohortBatchEnrolled('berkah-petani', 2, members(2, 2)),
    ];
    given(history)
      .when(nextBatch('berkah-petani', members(2, 4), '2025-11-01'))
      .then([
        {
          type: 'CohortBatchEnrolled',
          data: {
            cohortId: 'berkah-petani',
            batch: 3,
            effectiveFrom: '2025-11-01',
            members: asEnrolled(members(2, 4)),
          },
        },
      ]);
  });

  it('holds several cohorts in one agreement, as Bolaang Mongondow Selatan does', () => {
    const history = [signed, cohortEnrolled('berkah-petani', 'Berkah Petani', members(2))];
    given(history)
      .when(enroll({ cohortId: 'disabilitas', name: 'Disabilitas', members: members(2, 2) }))
      .then([expect.objectContaining({ type: 'CohortEnrolled' })]);
  });

  it('refuses the next batch of a cohort the agreement does not have', () => {
    given([signed])
      .when(nextBatch('petani-ii', members(1)))
      .thenThrows('COHORT_NOT_FOUND');
  });

  it('refuses a new cohort under an id already used', () => {
    given([signed, cohortEnrolled('berkah-nelayan', 'Berkah Nelayan', members(1))])
      .when(enroll({ name: 'Berkah Nelayan II', members: members(1, 1) }))
      .thenThrows('COHORT_EXISTS');
  });

  it('enrols a NIK at most once per agreement, naming the rows already enrolled and their cohort', () => {
    const history = [signed, cohortEnrolled('berkah-petani', 'Berkah Petani', members(3))];
    const rows = [...members(1, 10), ...members(1, 2), ...members(1, 11), ...members(1, 0)];
    given(history)
      .when(enroll({ members: rows }))
      .thenThrows('MEMBER_ALREADY_ENROLLED', [
        { path: 'members[1].nik', nik: nik(2), cohortId: 'berkah-petani' },
        { path: 'members[3].nik', nik: nik(0), cohortId: 'berkah-petani' },
      ]);
  });

  it('refuses a NIK listed twice in one batch', () => {
    const [row] = members(1, 7);
    given([signed])
      .when(enroll({ members: [row, ...members(1, 8), { ...row, name: 'Nama Lain' }] }))
      .thenThrows('VALIDATION_FAILED', [{ path: 'members[2].nik', reason: 'duplicates members[0] in this batch' }]);
  });

  it('refuses an empty batch', () => {
    given([signed])
      .when(enroll({ members: [] }))
      .thenThrows('VALIDATION_FAILED', [{ path: 'members', reason: 'must list 1 to 5000 members' }]);
  });

  it('accepts a batch of 5,000 members and refuses one of 5,001 as too large', () => {
    given([signed])
      .when(enroll({ members: members(5_000) }))
      .then([expect.anything()]);
    given([signed])
      .when(enroll({ members: members(5_001) }))
      .thenThrows('PAYLOAD_TOO_LARGE', { maxMembers: 5_000, members: 5_001 });
  });

  it('names a bad village code, name or occupation by row', () => {
    const [good] = members(1);
    given([signed])
      .when(enroll({ members: [good, { ...members(1, 1)[0], villageCode: '5318012001', name: ' ', occupation: '' }] }))
      .thenThrows('VALIDATION_FAILED', [
        { path: 'members[1].name', reason: expect.any(String) },
        { path: 'members[1].occupation', reason: expect.any(String) },
        { path: 'members[1].villageCode', reason: 'must be a village code PP.KK.DD.VVVV' },
      ]);
  });

  it('refuses enrolment in an agreement that was never signed', () => {
    given([])
      .when(enroll({ members: members(1) }))
      .thenThrows('AGREEMENT_NOT_FOUND');
  });
});
