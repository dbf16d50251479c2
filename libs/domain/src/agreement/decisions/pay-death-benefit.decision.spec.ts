import type { PayDeathBenefit } from '../agreement.commands';
import type { AgreementEvent, HeirRelationship } from '../agreement.events';
import { evolve } from '../agreement.state';
import { decide } from '../agreement.decider';
import { monthsOf } from '../../shared/calendar-date';
import {
  agreementSigned,
  BEFORE_PP_82_2019,
  cohortEnrolled,
  given,
  LUWU_TIMUR,
  members,
  naturalDeathPaid,
  nik,
  peopleFacts,
  signedState,
  TODAY,
} from '../../testing/fixtures';

type Claim = Partial<PayDeathBenefit['data']> & { nik: string; dateOfDeath: string };
const payDeath = ({ nik: memberNik, dateOfDeath, ...rest }: Claim): PayDeathBenefit => ({
  type: 'PayDeathBenefit',
  data: {
    claimId: `JKM/${memberNik}`,
    nik: memberNik,
    dateOfDeath,
    cause: 'natural',
    heir: { name: 'Siti Aminah', relationship: 'spouse' },
    paidOn: dateOfDeath,
    ...rest,
  },
});
/** Luwu Timur's fishers, covered from 2025-01-01 to 2025-12-31. */
const luwuTimur: AgreementEvent[] = [
  agreementSigned(LUWU_TIMUR),
  cohortEnrolled('berkah-nelayan', 'Nelayan Luwu Timur', members(10), '2025-01-01'),
];

describe('Rule 9: paying a death benefit', () => {
  it('pays the heirs of three Luwu Timur fishers Rp42,000,000 each', () => {
    const state = signedState(luwuTimur);
    let after = state;
    for (const [i, date] of [
      [0, '2025-03-04'],
      [1, '2025-06-15'],
      [2, '2025-08-30'],
    ] as const) {
      const events = decide(after, payDeath({ nik: nik(i), dateOfDeath: date }), TODAY);
      expect(events).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ benefit: expect.objectContaining({ total: 42_000_000 }) }),
        }),
      ]);
      after = events.reduce(evolve, after) as typeof state;
    }
    expect(after.benefitsTotal).toBe(3 * 42_000_000);
    expect(after.benefits.size).toBe(3);
  });

  it('records the benefit with its components, schedule, heir and scholarship months', () => {
    given(luwuTimur)
      .when(payDeath({ nik: nik(1), dateOfDeath: '2025-06-15', paidOn: '2025-06-20', claimId: 'JKM-0001' }))
      .then([
        {
          type: 'DeathBenefitPaid',
          data: {
            claimId: 'JKM-0001',
            nik: nik(1),
            dateOfDeath: '2025-06-15',
            cause: 'natural',
            heir: { name: 'Siti Aminah', relationship: 'spouse' },
            paidOn: '2025-06-20',
            benefit: {
              program: 'JKM',
              components: { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
              total: 42_000_000,
              // Covered January to June 2025 here: 6 months, short of 36.
              scholarshipEligible: false,
              scholarship: { maxChildren: 2, contributionMonths: 6 },
              scheduleBasis: 'PP 82/2019',
            },
          },
        },
      ]);
  });

  it('pays Rp24,000,000 for a death in November 2019, before PP 82/2019', () => {
    const [event] = given([
      agreementSigned(BEFORE_PP_82_2019),
      cohortEnrolled('nelayan', 'Nelayan', members(1), '2019-07-01'),
    ])
      .when(payDeath({ nik: nik(0), dateOfDeath: '2019-11-20' }))
      .then([expect.anything()]);
    expect(event.type === 'DeathBenefitPaid' && event.data.benefit).toMatchObject({
      total: 24_000_000,
      components: { lumpSum: 16_200_000, periodic: 4_800_000, funeral: 3_000_000 },
    });
  });

  it('pays a work-accident death under JKK only: Rp70,000,000 at the default income, scholarship granted', () => {
    const [event] = given(luwuTimur)
      .when(payDeath({ nik: nik(0), dateOfDeath: '2025-03-04', cause: 'work-accident' }))
      .then([expect.anything()]);
    expect(event.type === 'DeathBenefitPaid' && event.data.benefit).toMatchObject({
      program: 'JKK',
      total: 70_000_000,
      scholarshipEligible: true,
      components: { deathCompensation: 48_000_000, periodic: 12_000_000, funeral: 10_000_000 },
    });
  });

  it("pays JKK on the member's own declared income: 48 x Rp2,500,000 + Rp22,000,000", () => {
    const [event] = given([
      agreementSigned(LUWU_TIMUR),
      cohortEnrolled('nelayan', 'Nelayan', members(1, 0, 2_500_000), '2025-01-01'),
    ])
      .when(payDeath({ nik: nik(0), dateOfDeath: '2025-03-04', cause: 'work-accident' }))
      .then([expect.anything()]);
    expect(event.type === 'DeathBenefitPaid' && event.data.benefit.total).toBe(48 * 2_500_000 + 22_000_000);
  });

  describe('JKM scholarship: 36 distinct contribution months, counted across agreements', () => {
    const scholarshipOf = (monthsCoveredElsewhere: string[]) => {
      const [event] = decide(signedState(luwuTimur), payDeath({ nik: nik(1), dateOfDeath: '2025-06-15' }), {
        ...TODAY,
        people: peopleFacts({ monthsElsewhere: { [nik(1)]: monthsCoveredElsewhere } }),
      });
      return event.type === 'DeathBenefitPaid'
        ? [event.data.benefit.scholarshipEligible, event.data.benefit.scholarship.contributionMonths]
        : [];
    };

    it('grants it with 30 months elsewhere (July 2022 to December 2024) and 6 here', () => {
      expect(scholarshipOf(monthsOf('2022-07-01', '2024-12-31'))).toEqual([true, 36]);
    });

    it('refuses it with 29 months elsewhere and 6 here', () => {
      expect(scholarshipOf(monthsOf('2022-08-01', '2024-12-31'))).toEqual([false, 35]);
    });

    it('counts a month covered both here and elsewhere (double funding) once', () => {
      expect(scholarshipOf([...monthsOf('2022-08-01', '2024-12-31'), '2025-01', '2025-06', '2024-12'])).toEqual([
        false,
        35,
      ]);
    });
  });

  it('refuses a death outside the coverage of the member', () => {
    given(luwuTimur)
      .when(payDeath({ nik: nik(0), dateOfDeath: '2024-12-31' }))
      .thenThrows('NOT_COVERED', { dateOfDeath: '2024-12-31', coverage: { from: '2025-01-01', to: '2025-12-31' } });
    given([...luwuTimur, cohortEnrolled('petani', 'Petani', members(1, 50), '2025-03-01')])
      .when(payDeath({ nik: nik(50), dateOfDeath: '2025-02-28' }))
      .thenThrows('NOT_COVERED');
    given(luwuTimur)
      .when(payDeath({ nik: nik(0), dateOfDeath: '2026-01-01' }), { today: '2026-02-01' })
      .thenThrows('NOT_COVERED');
  });

  it('refuses a death or a payment dated after today', () => {
    given(luwuTimur)
      .when(payDeath({ nik: nik(0), dateOfDeath: '2025-11-11' }), { today: '2025-11-10' })
      .thenThrows('DATE_IN_FUTURE', { dateOfDeath: '2025-11-11', today: '2025-11-10' });
    given(luwuTimur)
      .when(payDeath({ nik: nik(0), dateOfDeath: '2025-11-09', paidOn: '2025-11-11' }), { today: '2025-11-10' })
      .thenThrows('DATE_IN_FUTURE', { paidOn: '2025-11-11', today: '2025-11-10' });
  });

  it('refuses a payment dated before the death', () => {
    given(luwuTimur)
      .when(payDeath({ nik: nik(0), dateOfDeath: '2025-05-02', paidOn: '2025-05-01' }))
      .thenThrows('INVALID_PERIOD');
  });

  it('refuses a benefit already paid for the person under another agreement, without naming it', () => {
    const paidElsewhere = { agreementId: 'provinsi-sulteng-2025', claimId: 'JKM-9', dateOfDeath: '2025-03-04' };
    const error = given(luwuTimur)
      .when(payDeath({ nik: nik(0), dateOfDeath: '2025-03-04' }), {
        ...TODAY,
        people: peopleFacts({ deaths: { [nik(0)]: paidElsewhere } }),
      })
      .thenThrows('BENEFIT_ALREADY_PAID');
    expect(JSON.stringify([error.message, error.details ?? null])).not.toMatch(/sulteng|JKM-9/);
  });

  it('pays a member once in the agreement, whatever the cause given the second time', () => {
    given([...luwuTimur, naturalDeathPaid(nik(0), '2025-03-04', 'JKM-1')])
      .when(payDeath({ nik: nik(0), dateOfDeath: '2025-03-04', cause: 'work-accident', claimId: 'JKK-2' }))
      .thenThrows('BENEFIT_ALREADY_PAID', { claimId: 'JKM-1', agreementId: 'luwu-timur-2025' });
  });

  it('refuses a claim id already paid', () => {
    given([...luwuTimur, naturalDeathPaid(nik(0), '2025-03-04', 'JKM-1')])
      .when(payDeath({ nik: nik(1), dateOfDeath: '2025-03-04', claimId: 'JKM-1' }))
      .thenThrows('CLAIM_EXISTS');
  });

  it('refuses a NIK that is not a member of the agreement', () => {
    given(luwuTimur)
      .when(payDeath({ nik: nik(99), dateOfDeath: '2025-03-04' }))
      .thenThrows('MEMBER_NOT_FOUND');
  });

  it.each<HeirRelationship>(['spouse', 'child', 'parent', 'grandchild', 'sibling', 'parent-in-law', 'will-appointee'])(
    'records an heir who is a %s',
    (relationship) => {
      given(luwuTimur)
        .when(payDeath({ nik: nik(0), dateOfDeath: '2025-03-04', heir: { name: 'Ahli Waris', relationship } }))
        .then([
          expect.objectContaining({ data: expect.objectContaining({ heir: { name: 'Ahli Waris', relationship } }) }),
        ]);
    },
  );

  it('refuses any other relationship, an heir without a name, and an unknown cause, naming the fields', () => {
    given(luwuTimur)
      .when(
        payDeath({
          nik: nik(0),
          dateOfDeath: '2025-03-04',
          cause: 'illness' as never,
          heir: { name: '', relationship: 'cousin' as never },
        }),
      )
      .thenThrows('VALIDATION_FAILED', [
        { path: 'cause', reason: 'must be one of natural, work-accident' },
        { path: 'heir.name', reason: expect.any(String) },
        {
          path: 'heir.relationship',
          reason: 'must be one of spouse, child, parent, grandchild, sibling, parent-in-law, will-appointee',
        },
      ]);
  });
});
