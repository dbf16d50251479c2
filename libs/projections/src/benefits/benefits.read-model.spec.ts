import { members, naturalDeathPaid, nik, cohortEnrolled } from '@pks/domain/testing/fixtures';
import { benefitsReadModel } from './benefits.read-model';
import { benefitDisbursements } from './benefits.query';
import { LUWU_TIMUR, SULAWESI_TENGAH, signed, workAccidentDeathPaid } from '../testing/ledger-builder';
import { projectionSpecification } from '../testing/projection-specification';

/** The benefits read model on its own: given events, then its rows. */
const spec = projectionSpecification(benefitsReadModel);
const LUTIM = LUWU_TIMUR.agreementId;
const SULTENG = SULAWESI_TENGAH.agreementId;

describe('benefits read model', () => {
  it('files each benefit under the region its agreement was signed for, and totals the country and the province', () =>
    spec
      .given([
        { agreementId: LUTIM, events: [signed(LUWU_TIMUR), cohortEnrolled('nelayan', 'Nelayan', members(3, 0))] },
        {
          agreementId: LUTIM,
          events: [naturalDeathPaid(nik(0), '2025-03-10'), naturalDeathPaid(nik(1), '2025-04-02')],
        },
        { agreementId: SULTENG, events: [signed(SULAWESI_TENGAH), workAccidentDeathPaid(nik(9), '2025-11-20')] },
      ])
      .thenRows({
        rm_benefits_regions: [
          { agreement_id: LUTIM, region_code: '73.24', branch_code: 'KCP-MALILI' },
          { agreement_id: SULTENG, region_code: '72', branch_code: 'KC-PALU' },
        ],
        rm_benefits_totals: [
          { scope: '', program: 'JKK', count: 1, amount: 70_000_000 },
          { scope: '', program: 'JKM', count: 2, amount: 84_000_000 },
          { scope: '72', program: 'JKK', count: 1, amount: 70_000_000 },
          { scope: '73', program: 'JKM', count: 2, amount: 84_000_000 },
        ],
      }));

  it('answers the ledger of a province from its own rows alone', async () => {
    const answer = await spec
      .given([{ agreementId: LUTIM, events: [signed(LUWU_TIMUR), naturalDeathPaid(nik(0), '2025-03-10')] }])
      .then((db) => benefitDisbursements(db, { regionCode: '73' }));
    expect(answer.totals).toEqual({
      count: 1,
      amount: 42_000_000,
      byProgram: { JKM: { count: 1, amount: 42_000_000 }, JKK: { count: 0, amount: 0 } },
    });
  });

  it('refuses a benefit of an agreement it never saw signed, rather than file it under no region', () =>
    spec
      .given([{ agreementId: LUTIM, events: [naturalDeathPaid(nik(0), '2025-03-10')] }])
      .thenThrows(`benefit klaim-${nik(0)} of unknown agreement ${LUTIM}`));
});
