import { startApp, type RunningApp } from './support/app';
import { cohortBody, memberRow, nik, otherAgreementBody, paymentBody } from './support/bodies';
import { expectProblem, expectRefused, snapshot, summary } from './support/ledger';

/** Rules 13 and 11 over HTTP: corrections, double funding once per extra funding, a region's APBD year. */

const ID = 'koreksi-2025';
const MONTH = 10 * 16_800;
/** The premium of 10 workers for October to December, and room for one income corrected for two months. */
const BUDGET = 3 * MONTH + 2 * 15_000;

describe('member corrections over HTTP', () => {
  let running: RunningApp;
  const post = (path: string, body: object) => running.http.post(path).send(body);
  const correct = (memberNik: string, body: object) => post(`/agreements/${ID}/members/${memberNik}/corrections`, body);
  /** The worker view once the read models have applied everything appended so far (read your writes). */
  const member = async (memberNik: string) => {
    const { headPosition } = (await running.http.get('/health').expect(200)).body;
    return (await running.http.get(`/members/${memberNik}`).query({ minPosition: headPosition }).expect(200)).body;
  };

  beforeAll(async () => {
    running = await startApp();
    await post(
      '/agreements',
      otherAgreementBody(ID, '53.18', 10, { funding: { source: 'APBD', budget: BUDGET } }),
    ).expect(201);
    await post(`/agreements/${ID}/cohorts`, cohortBody(10)).expect(201);
  });
  afterAll(() => running?.close());

  it('an income corrected from November: Rp15,000 more in November and December', async () => {
    await correct(nik(3), { declaredIncome: 2_500_000, incomeFrom: '2025-11', reason: 'slip gaji desa' }).expect(201);
    const premiums = (await running.http.get(`/agreements/${ID}/premiums`).expect(200)).body;
    expect(premiums.months.map((m: { expected: number }) => m.expected)).toEqual([
      MONTH,
      MONTH + 15_000,
      MONTH + 15_000,
    ]);
    expect((await summary(running.http, ID)).expectedPremium).toBe(BUDGET);
    const enrolment = (await member(nik(3))).agreements[0];
    expect(enrolment).toMatchObject({
      declaredIncome: 1_000_000,
      incomeChanges: [{ fromMonth: '2025-11', declaredIncome: 2_500_000 }],
    });
  });

  it('an income over the ceiling is 422 BUDGET_EXCEEDED with both figures, appending nothing', async () => {
    const res = await expectRefused(
      running.http,
      ID,
      () => correct(nik(4), { declaredIncome: 2_500_000, incomeFrom: '2025-12', reason: 'x' }),
      422,
      'BUDGET_EXCEEDED',
    );
    expect(res.body.details).toEqual({ expectedPremium: BUDGET + 15_000, ceiling: BUDGET });
  });

  it('answers a correction to what the record already says with 201 at the current version, recording nothing', async () => {
    // DOMAIN.md rule 13 as the decider has it: nothing to correct, so no fact; API.md's 201 names the version as it is.
    const before = await snapshot(running.http, ID);
    const res = await correct(nik(5), { declaredIncome: 1_000_000, incomeFrom: '2025-11', reason: 'cek ulang' });
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(before.events);
    expect(await snapshot(running.http, ID)).toEqual(before);
  });

  it('corrects a name and a village; the worker view shows them', async () => {
    await correct(nik(4), { name: 'Maria Ngongo', villageCode: '53.18.02.2004', reason: 'KTP' }).expect(201);
    expect(await member(nik(4))).toMatchObject({
      name: 'Maria Ngongo',
      agreements: [{ villageCode: '53.18.02.2004' }],
    });
  });

  it('a wrong NIK is withdrawn (nik-correction) and the right one enrolled; coverage and premium unchanged', async () => {
    const right = nik(9_000);
    const res = await correct(nik(5), { correctedNik: right, reason: 'NIK salah ketik' }).expect(201);
    const events = (await running.http.get(`/agreements/${ID}/events`).query({ fromVersion: res.body.version - 2 }))
      .body.items;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'MemberWithdrawn',
      'CohortBatchEnrolled',
      'MemberCorrected',
    ]);
    expect(events[0].data).toEqual({ nik: nik(5), effectiveDate: '2025-10-01', reason: 'nik-correction' });
    expect((await member(right)).agreements[0]).toMatchObject({
      cohortId: 'berkah-nelayan',
      coverage: { from: '2025-10-01', to: '2025-12-31' },
      personMonths: 3,
    });
    expect((await member(nik(5))).agreements[0]).toMatchObject({ personMonths: 0, endedBy: 'withdrawal' });
    const coverage = (
      await running.http.get(`/agreements/${ID}/coverage`).query({ from: '2025-10-01', to: '2025-12-31' })
    ).body.series;
    expect(coverage.map((p: { coveredMembers: number }) => p.coveredMembers)).toEqual([10, 10, 10]);
    expect((await summary(running.http, ID)).expectedPremium).toBe(BUDGET);
  });

  it('refuses an unknown member, a bad body, and a right NIK already enrolled', async () => {
    await expectRefused(running.http, ID, () => correct(nik(77), { name: 'X', reason: 'x' }), 404, 'MEMBER_NOT_FOUND');
    const res = await correct(nik(6), { declaredIncome: 2_500_000, reason: 'x' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ path: 'incomeFrom', reason: 'required with declaredIncome' }]);
    expectProblem(await correct(nik(6), { reason: 'x' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await correct(nik(6), { name: 'X', reason: 'x', declaredIncome: '2500000' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRefused(
      running.http,
      ID,
      () => correct(nik(6), { correctedNik: nik(7), reason: 'x' }),
      409,
      'MEMBER_ALREADY_ENROLLED',
    );
  });
});

describe('double funding and a region reconciliation over HTTP', () => {
  let running: RunningApp;
  let position = 0;
  const post = async (path: string, body: object) => {
    const res = await running.http.post(path).send(body).expect(201);
    position = res.body.position;
    return res;
  };
  const get = (path: string, query: Record<string, string | number> = {}) =>
    running.http.get(path).query({ minPosition: position, ...query });
  const SHARED = nik(42, { place: '720101' });

  beforeAll(async () => {
    running = await startApp();
    // The province and a regency from October, a city from November: one worker in all three.
    for (const [id, region, first] of [
      ['prov-sulteng', '72', 100],
      ['kab-donggala', '72.03', 200],
      ['kota-palu', '72.71', 300],
    ] as const) {
      await post('/agreements', otherAgreementBody(id, region, 4));
      const { members, ...cohort } = cohortBody(3, { first });
      await post(`/agreements/${id}/cohorts`, {
        ...cohort,
        effectiveFrom: id === 'kota-palu' ? '2025-11-01' : '2025-10-01',
        members: [...(members as object[]), memberRow(SHARED)],
      });
    }
    await post('/agreements/prov-sulteng/premium-payments', paymentBody('sp2d-p1', { amount: 100_000 }));
  });
  afterAll(() => running?.close());

  it('one item for the worker of three agreements: Rp84,000 paid twice, each extra funding once', async () => {
    const res = await get('/reconciliation/double-funding', { regionCode: '72' }).expect(200);
    expect(res.body.items).toEqual([
      {
        nik: SHARED,
        agreements: ['kab-donggala', 'kota-palu', 'prov-sulteng'],
        months: ['2025-10', '2025-11', '2025-12'],
        byMonth: [
          { month: '2025-10', agreements: ['kab-donggala', 'prov-sulteng'], premiumPaidTwice: 16_800 },
          { month: '2025-11', agreements: ['kab-donggala', 'kota-palu', 'prov-sulteng'], premiumPaidTwice: 33_600 },
          { month: '2025-12', agreements: ['kab-donggala', 'kota-palu', 'prov-sulteng'], premiumPaidTwice: 33_600 },
        ],
        premiumPaidTwice: 84_000,
      },
    ]);
    expect(res.body.totals).toEqual({ count: 1, premiumPaidTwice: 84_000 });
    expect((await get('/reconciliation/double-funding', { regionCode: '72.71' }).expect(200)).body.totals).toEqual({
      count: 1,
      premiumPaidTwice: 84_000,
    });
  });

  it("sums the region's agreements for the APBD year, month by month", async () => {
    const res = await get('/reconciliation/premiums', { regionCode: '72', year: 2025 }).expect(200);
    // October: 8 workers (4 + 4); November and December: 12.
    expect(res.body.months.filter((m: { expected: number }) => m.expected > 0)).toEqual([
      { month: '2025-10', personMonths: 8, expected: 8 * 16_800, paid: 4 * 16_800, outstanding: 4 * 16_800 },
      {
        month: '2025-11',
        personMonths: 12,
        expected: 12 * 16_800,
        paid: 100_000 - 4 * 16_800,
        outstanding: 12 * 16_800 - (100_000 - 4 * 16_800),
      },
      { month: '2025-12', personMonths: 12, expected: 12 * 16_800, paid: 0, outstanding: 12 * 16_800 },
    ]);
    expect(res.body).toMatchObject({
      regionCode: '72',
      year: 2025,
      expected: 32 * 16_800,
      paid: 100_000,
      paidInYear: 100_000,
    });
    expect(res.body.agreements.map((a: { agreementId: string }) => a.agreementId)).toEqual([
      'prov-sulteng',
      'kab-donggala',
      'kota-palu',
    ]);
  });

  it('needs the year, a whole one', async () => {
    expectProblem(await get('/reconciliation/premiums', { regionCode: '72' }), 400, 'VALIDATION_FAILED');
    expectProblem(await get('/reconciliation/premiums', { year: '2025.5' }), 400, 'VALIDATION_FAILED');
    expect((await get('/reconciliation/premiums', { year: 2024 }).expect(200)).body).toMatchObject({ agreements: [] });
  });
});
