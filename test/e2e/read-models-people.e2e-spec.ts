import { startApp, type RunningApp } from './support/app';
import { deathBody, nik } from './support/bodies';
import { expectProblem } from './support/ledger';
import { REGIONS as R, seedRegions } from './support/regions';

/** Read models about people: benefit disbursements, a worker's coverage, double funding. */
describe('people read models over HTTP', () => {
  let running: RunningApp;
  let head = 0;
  const get = (path: string, query: Record<string, string | number> = {}) =>
    running.http.get(path).query({ minPosition: head, ...query });

  beforeAll(async () => {
    running = await startApp();
    await seedRegions(running.http);
    head = (await running.http.get('/health').expect(200)).body.headPosition;
  });
  afterAll(() => running?.close());

  it('lists the benefits of an agreement with totals by program', async () => {
    const res = await get('/benefits', { agreementId: R.sbd }).expect(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          claimId: 'sbd-jkm-0001',
          agreementId: R.sbd,
          regionCode: '53.18',
          nik: R.sbdWorkers[0],
          dateOfDeath: '2025-11-10',
          paidOn: '2025-11-13',
          program: 'JKM',
          total: 42_000_000,
          components: { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
        }),
        expect.objectContaining({
          claimId: 'sbd-jkk-0001',
          program: 'JKK',
          total: 70_000_000,
          paidOn: '2025-12-08',
          components: { deathCompensation: 48_000_000, periodic: 12_000_000, funeral: 10_000_000 },
        }),
      ]),
    );
    expect(res.body.totals).toEqual({
      count: 2,
      amount: 112_000_000,
      byProgram: { JKM: { count: 1, amount: 42_000_000 }, JKK: { count: 1, amount: 70_000_000 } },
    });
  });

  it('filters benefits by region and by payment dates', async () => {
    expect((await get('/benefits', { regionCode: '53' }).expect(200)).body.totals.count).toBe(2);
    const none = await get('/benefits', { regionCode: '72' }).expect(200);
    expect(none.body).toMatchObject({ items: [], totals: { count: 0, amount: 0 } });
    const december = await get('/benefits', { from: '2025-12-01', to: '2025-12-31' }).expect(200);
    expect(december.body.items.map((b: { claimId: string }) => b.claimId)).toEqual(['sbd-jkk-0001']);
    expect(december.body.totals.byProgram.JKM).toEqual({ count: 0, amount: 0 });
  });

  it("shows a worker's coverage under each agreement", async () => {
    const [, both] = R.sultengWorkers;
    const res = await get(`/members/${both}`).expect(200);
    expect(res.body.nik).toBe(both);
    expect(JSON.stringify(res.body)).toContain(R.sulteng);
    expect(JSON.stringify(res.body)).toContain(R.donggala);
  });

  it('answers MEMBER_NOT_FOUND for a NIK never enrolled', async () => {
    expectProblem(await get(`/members/${nik(7_777)}`), 404, 'MEMBER_NOT_FOUND');
  });

  it('reports the workers covered twice in a month, with the premium paid twice', async () => {
    const res = await get('/reconciliation/double-funding', { regionCode: '72' }).expect(200);
    const items = res.body.items.map(
      (i: { nik: string; agreements: string[]; months: string[]; premiumPaidTwice: number }) => ({
        ...i,
        agreements: [...i.agreements].sort(),
      }),
    );
    const expected = R.donggalaWorkers.slice(0, 2).map((n) =>
      expect.objectContaining({
        nik: n,
        agreements: [R.donggala, R.sulteng].sort(),
        months: ['2025-11', '2025-12'],
        premiumPaidTwice: 2 * 16_800,
      }),
    );
    expect(items).toHaveLength(2);
    expect(items).toEqual(expect.arrayContaining(expected));
    expect((await get('/reconciliation/double-funding', { regionCode: '53' }).expect(200)).body.items).toEqual([]);
  });

  it('shows a benefit paid a moment ago when asked with its position', async () => {
    const worker = R.sumbaTimurWorkers[0];
    const paid = await running.http
      .post(`/agreements/${R.sumbaTimur}/death-benefits`)
      .send(deathBody(worker, { claimId: 'st-jkm-0001' }))
      .expect(201);
    const benefits = await running.http
      .get('/benefits')
      .query({ agreementId: R.sumbaTimur, minPosition: paid.body.position })
      .expect(200);
    expect(benefits.body.items.map((b: { claimId: string }) => b.claimId)).toEqual(['st-jkm-0001']);
    const member = await running.http.get(`/members/${worker}`).query({ minPosition: paid.body.position }).expect(200);
    expect(JSON.stringify(member.body)).toContain('st-jkm-0001');
  });
});
