import { startApp, type RunningApp } from './support/app';
import {
  cohortBody,
  deathBody,
  effectiveDateBody,
  memberRow,
  nik,
  otherAgreementBody,
  signBody,
} from './support/bodies';
import { expectRefused, summary } from './support/ledger';

/** DOMAIN.md rules 4, 9 and 10 over HTTP: contributions by income, the dated benefit schedule, scholarships. */
describe('contribution and death benefit rules over HTTP', () => {
  let running: RunningApp;
  const post = (path: string, body: object) => running.http.post(path).send(body);

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running?.close());

  it('prices JKK at 1% of declared income rounded half up, plus Rp6,800 JKM', async () => {
    await post('/agreements', signBody({ agreementId: 'income-2025' })).expect(201);
    const members = [
      memberRow(nik(0), { declaredIncome: 1_234_550 }),
      memberRow(nik(1), { declaredIncome: 2_500_000 }),
    ];
    await post('/agreements/income-2025/cohorts', { cohortId: 'pedagang', name: 'Pedagang Kecil', members }).expect(
      201,
    );
    // 12,345.5 -> 12,346 + 6,800 = 19,146; 25,000 + 6,800 = 31,800; three months each.
    expect((await summary(running.http, 'income-2025')).expectedPremium).toBe(3 * (19_146 + 31_800));
  });

  it('pays JKK as 48 x the declared income, not the default', async () => {
    const res = await post(
      '/agreements/income-2025/death-benefits',
      deathBody(nik(1), { cause: 'work-accident', heir: { name: 'Anak', relationship: 'child' } }),
    ).expect(201);
    expect(res.body.benefit).toMatchObject({
      program: 'JKK',
      components: { deathCompensation: 120_000_000, periodic: 12_000_000, funeral: 10_000_000 },
      total: 142_000_000,
    });
  });

  it('pays a death before 2019-12-02 by the old schedule', async () => {
    await post(
      '/agreements',
      signBody({
        agreementId: 'schedule-2019',
        signedOn: '2019-01-15',
        coverage: { start: '2019-01-01', end: '2019-12-31' },
        funding: { source: 'APBD', budget: 2 * 12 * 16_800 },
      }),
    ).expect(201);
    await post('/agreements/schedule-2019/cohorts', cohortBody(2, { first: 10 })).expect(201);
    const jkm = await post(
      '/agreements/schedule-2019/death-benefits',
      deathBody(nik(10), { dateOfDeath: '2019-06-10', paidOn: '2019-06-20' }),
    ).expect(201);
    expect(jkm.body.benefit).toMatchObject({
      program: 'JKM',
      components: { lumpSum: 16_200_000, periodic: 4_800_000, funeral: 3_000_000 },
      total: 24_000_000,
    });
    const jkk = await post(
      '/agreements/schedule-2019/death-benefits',
      deathBody(nik(11), { dateOfDeath: '2019-12-01', paidOn: '2019-12-20', cause: 'work-accident' }),
    ).expect(201);
    expect(jkk.body.benefit).toMatchObject({
      program: 'JKK',
      components: { deathCompensation: 48_000_000, periodic: 4_800_000, funeral: 3_000_000 },
      total: 55_800_000,
    });
  });

  it('makes a JKM death eligible for scholarship with 36 contribution months across agreements', async () => {
    const worker = nik(20);
    await post(
      '/agreements',
      otherAgreementBody('ntt-2020-pks', '53', 1, {
        signedOn: '2020-01-10',
        coverage: { start: '2020-01-01', end: '2022-12-31' },
        funding: { source: 'APBD', budget: 36 * 16_800 },
      }),
    ).expect(201);
    await post('/agreements/ntt-2020-pks/cohorts', cohortBody([worker])).expect(201);
    await post('/agreements', signBody({ agreementId: 'sbd-scholarship' })).expect(201);
    await post('/agreements/sbd-scholarship/cohorts', cohortBody([worker, nik(21)])).expect(201);
    const eligible = await post('/agreements/sbd-scholarship/death-benefits', deathBody(worker)).expect(201);
    expect(eligible.body.benefit).toMatchObject({ program: 'JKM', total: 42_000_000, scholarshipEligible: true });
    const notEligible = await post('/agreements/sbd-scholarship/death-benefits', deathBody(nik(21))).expect(201);
    expect(notEligible.body.benefit.scholarshipEligible).toBe(false);
  });

  describe('after a termination', () => {
    const ID = 'sbd-terminated';

    beforeAll(async () => {
      await post('/agreements', signBody({ agreementId: ID })).expect(201);
      await post(`/agreements/${ID}/cohorts`, cohortBody(4, { first: 30 })).expect(201);
      await post(
        `/agreements/${ID}/death-benefits`,
        deathBody(nik(30), { dateOfDeath: '2025-11-20', paidOn: '2025-11-25' }),
      ).expect(201);
    });

    it('refuses a termination that reaches back past a paid death', async () => {
      await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/termination`, effectiveDateBody('2025-11-15')),
        422,
        'INVALID_PERIOD',
      );
    });

    it('refuses to withdraw a member whose death benefit was paid', async () => {
      await expectRefused(
        running.http,
        ID,
        () => post(`/agreements/${ID}/members/${nik(30)}/withdrawal`, effectiveDateBody('2025-12-01')),
        422,
        'INVALID_PERIOD',
      );
    });

    it('still pays a death that happened while covered, but not one after coverage ended', async () => {
      await post(`/agreements/${ID}/termination`, effectiveDateBody('2025-12-01', 'APBD reallocated')).expect(201);
      const res = await post(
        `/agreements/${ID}/death-benefits`,
        deathBody(nik(31), { dateOfDeath: '2025-11-30', paidOn: '2026-01-10' }),
      ).expect(201);
      expect(res.body.benefit.total).toBe(42_000_000);
      await expectRefused(
        running.http,
        ID,
        () =>
          post(
            `/agreements/${ID}/death-benefits`,
            deathBody(nik(32), { dateOfDeath: '2025-12-01', paidOn: '2026-01-10' }),
          ),
        422,
        'NOT_COVERED',
      );
      expect((await summary(running.http, ID)).benefits).toEqual({ count: 2, total: 84_000_000 });
    });
  });
});
