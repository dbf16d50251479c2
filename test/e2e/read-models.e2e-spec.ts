import { startApp, type RunningApp } from './support/app';
import {
  SBD,
  batchBody,
  cohortBody,
  deathBody,
  effectiveDateBody,
  memberRow,
  nik,
  otherAgreementBody,
  paymentBody,
  signBody,
} from './support/bodies';
import { eventually, expectProblem } from './support/ledger';

/**
 * DOMAIN.md's figures out of the read-side queries, read with the position each command answered (minPosition):
 * coverage, premiums with a refund after a death, benefits, double funding between a province and a regency.
 */
describe('read models over HTTP', () => {
  let running: RunningApp;
  let last = 0;
  const post = async (path: string, body: unknown) => {
    const res = await running.http.post(path).send(body as object);
    expect(res.status).toBe(201);
    last = res.body.position;
    return res.body;
  };
  const get = async (path: string) => {
    const res = await running.http.get(path).query({ minPosition: last });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    running = await startApp();
    await post('/agreements', signBody());
    await post(`/agreements/${SBD.agreementId}/cohorts`, cohortBody(5_000));
    await post(`/agreements/${SBD.agreementId}/cohorts/berkah-nelayan/members`, batchBody(600, 5_000));
    await post(`/agreements/${SBD.agreementId}/premium-payments`, paymentBody('sp2d-full', { amount: SBD.budget }));
  });
  afterAll(() => running.close());

  it('Sumba Barat Daya owes 5,600 members x 3 months x Rp16,800 = Rp282,240,000, paid in full', async () => {
    const premiums = await get(`/agreements/${SBD.agreementId}/premiums`);
    expect(premiums.months).toEqual(
      ['2025-10', '2025-11', '2025-12'].map((month) => ({
        month,
        personMonths: 5_600,
        expected: 94_080_000,
        paid: 94_080_000,
        outstanding: 0,
      })),
    );
    expect(premiums).toMatchObject({ expected: 282_240_000, paid: 282_240_000, outstanding: 0, refundable: 0 });
  });

  it('after an October death the months no longer due are refundable to the Pemda', async () => {
    const body = await post(
      `/agreements/${SBD.agreementId}/death-benefits`,
      deathBody(nik(7), { dateOfDeath: '2025-10-20', paidOn: '2025-10-27' }),
    );
    expect(body.benefit.total).toBe(42_000_000);
    const premiums = await get(`/agreements/${SBD.agreementId}/premiums`);
    expect(premiums.months.map((m: { personMonths: number }) => m.personMonths)).toEqual([5_600, 5_599, 5_599]);
    expect(premiums).toMatchObject({ expected: 282_240_000 - 2 * 16_800, outstanding: 0, refundable: 33_600 });
  });

  it('coverage by month and by day follows deaths and withdrawals', async () => {
    await post(`/agreements/${SBD.agreementId}/members/${nik(8)}/withdrawal`, effectiveDateBody('2025-12-01'));
    const months = await get(`/agreements/${SBD.agreementId}/coverage?from=2025-09-01&to=2026-01-31&interval=month`);
    expect(months.series.map((p: { period: string; coveredMembers: number }) => [p.period, p.coveredMembers])).toEqual([
      ['2025-09', 0],
      ['2025-10', 5_600],
      ['2025-11', 5_599],
      ['2025-12', 5_598],
      ['2026-01', 0],
    ]);
    const days = await get(`/agreements/${SBD.agreementId}/coverage?from=2025-10-20&to=2025-10-21&interval=day`);
    expect(days.series).toEqual([
      { period: '2025-10-20', coveredMembers: 5_600 },
      { period: '2025-10-21', coveredMembers: 5_599 },
    ]);
  });

  it('coverage as known at an instant ignores what was recorded after it', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(`/agreements/${SBD.agreementId}/cohorts`, {
      ...cohortBody(1, { first: 6_000, cohortId: 'susulan' }),
      effectiveFrom: '2025-10-01',
    });
    const now = await get(`/agreements/${SBD.agreementId}/coverage?from=2025-10-01&to=2025-10-31`);
    const then = await get(`/agreements/${SBD.agreementId}/coverage?from=2025-10-01&to=2025-10-31&asKnownAt=${before}`);
    expect(now.series[0].coveredMembers).toBe(5_601);
    expect(then.series[0].coveredMembers).toBe(5_600);
  });

  it('the benefit ledger totals by program, filtered by region and date', async () => {
    const benefits = await get('/benefits?regionCode=53&from=2025-10-01&to=2025-10-31');
    expect(benefits.totals).toEqual({
      count: 1,
      amount: 42_000_000,
      byProgram: { JKM: { count: 1, amount: 42_000_000 }, JKK: { count: 0, amount: 0 } },
    });
    expect(benefits.items[0]).toMatchObject({
      agreementId: SBD.agreementId,
      regionCode: '53.18',
      nik: nik(7),
      components: { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
    });
    expect((await get('/benefits?regionCode=72')).totals.count).toBe(0);
  });

  it('a worker covered by the province and one of its regencies in the same months is double funded', async () => {
    const worker = nik(0, { place: '720101' });
    const row = memberRow(worker, { villageCode: '72.01.01.2001' });
    await post('/agreements', otherAgreementBody('sulteng-prov', '72', 10));
    await post('/agreements', otherAgreementBody('sigi-kab', '72.01', 10));
    await post('/agreements/sulteng-prov/cohorts', { cohortId: 'rentan', name: 'Pekerja Rentan', members: [row] });
    await post('/agreements/sigi-kab/cohorts', {
      cohortId: 'petani',
      name: 'Petani',
      effectiveFrom: '2025-11-15',
      members: [row],
    });
    const report = await get('/reconciliation/double-funding?regionCode=72');
    expect(report.items).toEqual([
      {
        nik: worker,
        agreements: ['sigi-kab', 'sulteng-prov'],
        months: ['2025-11', '2025-12'],
        byMonth: ['2025-11', '2025-12'].map((month) => ({
          month,
          agreements: ['sigi-kab', 'sulteng-prov'],
          premiumPaidTwice: 16_800,
        })),
        premiumPaidTwice: 2 * 16_800,
      },
    ]);
    expect((await get('/reconciliation/double-funding?regionCode=53')).items).toEqual([]);
    const view = await get(`/members/${worker}`);
    expect(
      view.agreements.map((a: { agreementId: string; personMonths: number }) => [a.agreementId, a.personMonths]),
    ).toEqual([
      ['sulteng-prov', 3],
      ['sigi-kab', 2],
    ]);
  });

  it("a death paid under the province ends the worker's coverage in the regency too", async () => {
    const worker = nik(0, { place: '720101' });
    await post(
      '/agreements/sulteng-prov/death-benefits',
      deathBody(worker, { claimId: 'sulteng-jkm-1', dateOfDeath: '2025-11-20', paidOn: '2025-11-25' }),
    );
    // The death-spread reactor records the death in the regency a moment after the benefit.
    const died = await eventually(
      async () => (await running.http.get('/agreements/sigi-kab/events').query({ limit: 1000 })).body.items,
      (items: { type: string; position: number }[]) => items.at(-1)?.type === 'MemberDied',
    );
    last = Math.max(last, died.at(-1)?.position ?? 0);
    const regency = await get('/agreements/sigi-kab/premiums');
    expect(regency.months).toEqual([
      { month: '2025-11', personMonths: 1, expected: 16_800, paid: 0, outstanding: 16_800 },
    ]);
    expect((await get('/agreements/sigi-kab')).expectedPremium).toBe(16_800);
    const report = await get('/reconciliation/double-funding?regionCode=72');
    expect(report.items).toEqual([
      {
        nik: worker,
        agreements: ['sigi-kab', 'sulteng-prov'],
        months: ['2025-11'],
        byMonth: [{ month: '2025-11', agreements: ['sigi-kab', 'sulteng-prov'], premiumPaidTwice: 16_800 }],
        premiumPaidTwice: 16_800,
      },
    ]);
    const view = await get(`/members/${worker}`);
    expect(view.agreements.map((a: { coverage: { to: string } }) => a.coverage.to)).toEqual([
      '2025-11-20',
      '2025-11-20',
    ]);
    expect(view.benefit).toMatchObject({ agreementId: 'sulteng-prov', total: 42_000_000 });
  });

  it('lists agreements by region prefix and status', async () => {
    const list = await get('/agreements?regionCode=72');
    expect(list.items.map((a: { agreementId: string }) => a.agreementId)).toEqual(['sulteng-prov', 'sigi-kab']);
    expect((await get('/agreements?status=expired')).items).toHaveLength(3);
    expect((await get('/agreements?status=active')).items).toHaveLength(0);
  });

  it('an unknown worker or agreement is 404 with its stable code; a position not yet reached is 503', async () => {
    expectProblem(await running.http.get(`/members/${nik(99, { place: '110101' })}`), 404, 'MEMBER_NOT_FOUND');
    expectProblem(await running.http.get('/agreements/nope-000/premiums'), 404, 'AGREEMENT_NOT_FOUND');
    const late = await running.http.get('/coverage').query({ minPosition: Number.MAX_SAFE_INTEGER });
    expectProblem(late, 503, 'NOT_CAUGHT_UP');
    expect(late.headers['retry-after']).toBe('1');
  });
});
