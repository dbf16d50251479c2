import type { AgreementCommand, SignAgreement } from '@pks/domain';
import { members, nik, SUMBA_BARAT_DAYA } from '@pks/domain/testing/fixtures';
import type { AppendOptions, EventStore, NewEvent } from '@pks/event-store';
import { InMemoryEventStore } from '@pks/event-store/adapters';
import { LEDGER_INDEXER } from '../streams/ledger-indexer';
import { applicationOver, everything } from '../testing/application-harness';

/** Facts about people across agreements, read from the store's index at the moment of the decision. */
const PROVINCE = 'sulteng-2025-pks';
const REGENCY = 'palu-2025-pks';
const WORKER = nik(3);

const signed = (agreementId: string, regionCode: string, start = '2025-10-01'): AgreementCommand => ({
  type: 'SignAgreement',
  data: {
    ...SUMBA_BARAT_DAYA,
    agreementId,
    pemda: { regionCode, name: `Pemda ${regionCode}` },
    coverage: { start, end: '2025-12-31' },
  } as SignAgreement['data'],
});
const enrol = (cohortId: string, count: number, effectiveFrom?: string): AgreementCommand => ({
  type: 'EnrollCohort',
  data: { cohortId, name: cohortId, members: members(count), ...(effectiveFrom ? { effectiveFrom } : {}) },
});
const death = (claimId: string, nikOf = WORKER): AgreementCommand => ({
  type: 'PayDeathBenefit',
  data: {
    claimId,
    nik: nikOf,
    dateOfDeath: '2025-10-20',
    cause: 'natural',
    heir: { name: 'Yohana', relationship: 'spouse' },
    paidOn: '2025-10-25',
  },
});

async function twoAgreementsWith(store?: EventStore) {
  const app = applicationOver(store);
  await app.send(PROVINCE, signed(PROVINCE, '72'));
  await app.send(REGENCY, signed(REGENCY, '72.71'));
  await app.send(PROVINCE, enrol('petani', 5));
  return app;
}

describe('people across agreements', () => {
  it('pays a death benefit once per person when two agreements claim it at the same moment', async () => {
    const app = await twoAgreementsWith();
    await app.send(REGENCY, enrol('nelayan', 5));
    const head = await app.store.headPosition();
    const outcomes = await Promise.allSettled([app.send(PROVINCE, death('JKM-P')), app.send(REGENCY, death('JKM-R'))]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'BENEFIT_ALREADY_PAID' });
    const appended = (await everything(app.store)).slice(head).map((e) => e.type);
    expect(appended).toEqual(['DeathBenefitPaid']);
  });

  it('refuses to enrol from November a worker whose death in October was paid elsewhere, and appends nothing', async () => {
    const app = await twoAgreementsWith();
    await app.send(PROVINCE, death('JKM-P'));
    const head = await app.store.headPosition();
    await expect(app.send(REGENCY, enrol('nelayan', 5, '2025-11-01'))).rejects.toMatchObject({
      code: 'MEMBER_DECEASED',
      details: [{ path: 'members[3].nik', dateOfDeath: '2025-10-20' }],
    });
    expect(await app.store.headPosition()).toBe(head);
  });

  it('decides the enrolment again when the death is paid between its reading and its append', async () => {
    const inner = new InMemoryEventStore(LEDGER_INDEXER);
    const racing: EventStore = Object.create(inner);
    let once = true;
    racing.append = async (streamId: string, expected, events: readonly NewEvent[], options?: AppendOptions) => {
      if (once && streamId === `agreement-${REGENCY}` && events[0]?.type === 'CohortEnrolled') {
        once = false;
        await applicationOver(inner).send(PROVINCE, death('JKM-P'));
      }
      return inner.append(streamId, expected, events, options);
    };
    const app = await twoAgreementsWith(racing);
    await expect(app.send(REGENCY, enrol('nelayan', 5, '2025-11-01'))).rejects.toMatchObject({
      code: 'MEMBER_DECEASED',
    });
    expect((await inner.readStream(`agreement-${REGENCY}`)).map((e) => e.type)).toEqual(['AgreementSigned']);
  });

  it('counts the months covered under the other agreement for the JKM scholarship', async () => {
    const app = applicationOver();
    await app.send(PROVINCE, {
      ...signed(PROVINCE, '72'),
      data: {
        ...signed(PROVINCE, '72').data,
        coverage: { start: '2022-01-01', end: '2025-09-30' },
        funding: { source: 'APBD', budget: 10_000_000 },
      },
    } as AgreementCommand);
    await app.send(REGENCY, signed(REGENCY, '72.71'));
    await app.send(PROVINCE, enrol('petani', 5));
    await app.send(REGENCY, enrol('nelayan', 5));
    const paid = await app.send(REGENCY, death('JKM-R'));
    // 45 months January 2022 - September 2025 in the province, October 2025 in the regency.
    expect(paid.benefit).toMatchObject({ scholarshipEligible: true, scholarship: { contributionMonths: 46 } });
  });
});
