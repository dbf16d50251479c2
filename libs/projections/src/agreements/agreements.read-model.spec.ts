import { cohortEnrolled, members, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import { agreementsReadModel } from './agreements.read-model';
import { memberCoverage } from './member.query';
import {
  KOTA_PALU,
  SUMBA_BARAT_DAYA,
  memberDied,
  premiumPaid,
  signed,
  terminated,
  withdrawn,
} from '../testing/ledger-builder';
import { projectionSpecification } from '../testing/projection-specification';

/** The agreements read model on its own: given events, then its rows. */
const spec = projectionSpecification(agreementsReadModel);
const SUMBA = SUMBA_BARAT_DAYA.agreementId;
const PALU = KOTA_PALU.agreementId;
const enrolled = cohortEnrolled('petani', 'Petani', members(3, 0, 2_500_000), '2025-10-15');

describe('agreements read model', () => {
  it('records a withdrawal from 2025-12-01 as an exit on 2025-11-30, priced at the member own income', () =>
    spec
      .given([
        { agreementId: SUMBA, events: [signed(SUMBA_BARAT_DAYA), enrolled], at: '2025-10-28T03:00:00.000Z' },
        { agreementId: SUMBA, events: [withdrawn(nik(1), '2025-12-01')], at: '2025-11-20T03:00:00.000Z' },
      ])
      .thenRows({
        rm_agreements_exits: [
          {
            agreement_id: SUMBA,
            nik: nik(1),
            position: 3,
            recorded_at: '2025-11-20T03:00:00.000Z',
            last_day: '2025-11-30',
            reason: 'withdrawal',
            covered_from: '2025-10-15',
            declared_income: 2_500_000,
          },
        ],
        rm_agreements_groups: [
          {
            agreement_id: SUMBA,
            position: 2,
            covered_from: '2025-10-15',
            declared_income: 2_500_000,
            cohort_id: 'petani',
            recorded_at: '2025-10-28T03:00:00.000Z',
            count: 3,
          },
        ],
      }));

  it('keeps a termination as a new period row whose last covered day is the day before it takes effect', () =>
    spec.given([{ agreementId: PALU, events: [signed(KOTA_PALU), terminated('2025-11-01')] }]).thenRows({
      rm_agreements_periods: [
        expect.objectContaining({ position: 1, termination_date: null, last_covered_day: '2025-12-31' }),
        expect.objectContaining({
          position: 2,
          termination_date: '2025-11-01',
          termination_reason: 'pemutusan PKS',
          last_covered_day: '2025-10-31',
        }),
      ],
    }));

  it('a death recorded after a withdrawal ends the worker coverage on the earlier of the two days', async () => {
    const view = await spec
      .given([
        { agreementId: SUMBA, events: [signed(SUMBA_BARAT_DAYA), enrolled] },
        { agreementId: SUMBA, events: [withdrawn(nik(2), '2025-12-01'), memberDied(nik(2), '2025-11-05', PALU)] },
      ])
      .then((db) => memberCoverage(db, nik(2)));
    expect(view?.agreements[0]).toMatchObject({
      coverage: { from: '2025-10-15', to: '2025-11-05' },
      endedBy: 'death',
      personMonths: 2,
    });
  });

  it('refuses an event of an agreement it never saw signed', () =>
    spec
      .given([{ agreementId: SUMBA, events: [premiumPaid('sp2d-1', 16_800, '2025-11-03')] }])
      .thenThrows(`event at position 1 of agreement ${SUMBA}, never signed`));

  it('refuses the exit of a worker who is not a member, rather than price it at a guess', () =>
    spec
      .given([{ agreementId: SUMBA, events: [signed(SUMBA_BARAT_DAYA), naturalDeathPaid(nik(7), '2025-10-20')] }])
      .thenThrows(`early exit of ${nik(7)}, not a member of ${SUMBA}`));
});
