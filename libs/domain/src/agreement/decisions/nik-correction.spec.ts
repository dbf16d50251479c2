import { expectedPremium } from '../coverage';
import { correct, given, incomeCorrected, luwuTimur, naturalDeathPaid, nik, signedState } from '../../testing/fixtures';

/** Rule 13 for a NIK: the wrong one withdrawn (nik-correction), the right one enrolled. */

describe('Rule 13: a NIK is never corrected in place', () => {
  const RIGHT = nik(900_000);

  it('withdraws the wrong NIK (reason nik-correction) from its first day and enrols the right one in its cohort', () => {
    given(luwuTimur())
      .when(correct(nik(3), { correctedNik: RIGHT, reason: 'NIK salah ketik' }))
      .then([
        { type: 'MemberWithdrawn', data: { nik: nik(3), effectiveDate: '2025-01-01', reason: 'nik-correction' } },
        {
          type: 'CohortBatchEnrolled',
          data: {
            cohortId: 'nelayan',
            batch: 2,
            effectiveFrom: '2025-01-01',
            members: [
              {
                nik: RIGHT,
                name: 'Pekerja 3',
                occupation: 'buruh harian lepas',
                villageCode: '53.18.01.2001',
                declaredIncome: 1_000_000,
              },
            ],
          },
        },
        { type: 'MemberCorrected', data: { nik: RIGHT, correctsNik: nik(3), reason: 'NIK salah ketik' } },
      ]);
  });

  it('the wrong NIK was never covered, the right one is covered as it was: the premium stays Rp2,016,000', () => {
    const events = given(luwuTimur())
      .when(correct(nik(3), { correctedNik: RIGHT, reason: 'NIK salah ketik' }))
      .then([expect.anything(), expect.anything(), expect.anything()]);
    const state = signedState([...luwuTimur(), ...events]);
    expect(expectedPremium(state)).toBe(2_016_000);
    expect(state.members.get(RIGHT)).toMatchObject({ cohortId: 'nelayan', coveredFrom: '2025-01-01' });
    expect(state.earlyExits.get(nik(3))).toBe('2024-12-31');
  });

  it('takes the income timeline along, and the other fields given', () => {
    const events = given([...luwuTimur(), incomeCorrected(nik(3), 2_500_000, '2025-11')])
      .when(correct(nik(3), { correctedNik: RIGHT, name: 'Andi Baso', reason: 'NIK salah ketik' }))
      .then([
        expect.objectContaining({ type: 'MemberWithdrawn' }),
        expect.objectContaining({ type: 'CohortBatchEnrolled' }),
        {
          type: 'MemberCorrected',
          data: { nik: RIGHT, income: { declaredIncome: 2_500_000, fromMonth: '2025-11' }, reason: 'NIK salah ketik' },
        },
        expect.objectContaining({ type: 'MemberCorrected', data: expect.objectContaining({ correctsNik: nik(3) }) }),
      ]);
    const state = signedState([...luwuTimur(), incomeCorrected(nik(3), 2_500_000, '2025-11'), ...events]);
    expect(expectedPremium(state)).toBe(2_016_000 + 2 * 15_000);
    expect(state.members.get(RIGHT)?.name).toBe('Andi Baso');
  });

  it('refuses a right NIK already enrolled in the agreement, or one that is not a valid NIK', () => {
    given(luwuTimur())
      .when(correct(nik(3), { correctedNik: nik(4) }))
      .thenThrows('MEMBER_ALREADY_ENROLLED', [{ path: 'correctedNik', nik: nik(4), cohortId: 'nelayan' }]);
    given(luwuTimur())
      .when(correct(nik(3), { correctedNik: '5318010000000000' }))
      .thenThrows('VALIDATION_FAILED', expect.arrayContaining([expect.objectContaining({ path: 'correctedNik' })]));
  });

  it('refuses to move a member whose death benefit was paid, or who was withdrawn', () => {
    given([...luwuTimur(), naturalDeathPaid(nik(3), '2025-03-10')])
      .when(correct(nik(3), { correctedNik: RIGHT }))
      .thenThrows('BENEFIT_ALREADY_PAID');
    given([
      ...luwuTimur(),
      { type: 'MemberWithdrawn', data: { nik: nik(3), effectiveDate: '2025-06-01', reason: 'x' } },
    ])
      .when(correct(nik(3), { correctedNik: RIGHT }))
      .thenThrows('MEMBER_ALREADY_WITHDRAWN');
  });

  it('a right NIK whose death benefit was paid before the coverage began is refused (rule 2)', () => {
    const people = {
      deathOf: () => ({ agreementId: 'x', claimId: 'c', dateOfDeath: '2024-12-01' }),
      monthsCoveredElsewhere: () => [],
    };
    given(luwuTimur())
      .when(correct(nik(3), { correctedNik: RIGHT }), { today: '2025-11-10', people })
      .thenThrows('MEMBER_DECEASED', [{ path: 'correctedNik', dateOfDeath: '2024-12-01' }]);
  });

  it('refuses an income correction in the same command as the NIK', () => {
    given(luwuTimur())
      .when(correct(nik(3), { correctedNik: RIGHT, declaredIncome: 2_500_000, incomeFrom: '2025-11' }))
      .thenThrows('VALIDATION_FAILED', [{ path: 'declaredIncome', reason: expect.any(String) }]);
  });
});
