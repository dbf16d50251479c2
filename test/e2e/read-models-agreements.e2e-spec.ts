import { startApp, type RunningApp } from './support/app';
import { paymentBody } from './support/bodies';
import { expectProblem } from './support/ledger';
import { REGIONS as R, seedRegions } from './support/regions';

/** A position no store reaches (EventStoreDB's are byte offsets, in the millions already), yet a valid query value. */
const UNREACHED = Number.MAX_SAFE_INTEGER;

/** Read models of agreements: the list by region and status, coverage over time, premium reconciliation. */
const MONTH = { from: '2025-10-01', to: '2025-12-31' };

describe('agreement read models over HTTP', () => {
  let running: RunningApp;
  let head = 0;
  const get = (path: string, query: Record<string, string | number> = {}) =>
    running.http.get(path).query({ minPosition: head, ...query });
  const ids = (res: { body: { items: { agreementId: string }[] } }) => res.body.items.map((a) => a.agreementId).sort();

  beforeAll(async () => {
    running = await startApp();
    await seedRegions(running.http);
    head = (await running.http.get('/health').expect(200)).body.headPosition;
  });
  afterAll(() => running?.close());

  it('lists the agreements of a region and the regions below it', async () => {
    expect(ids(await get('/agreements', { regionCode: '72' }).expect(200))).toEqual(
      [R.donggala, R.sigi, R.sulteng].sort(),
    );
    expect(ids(await get('/agreements', { regionCode: '72.01' }).expect(200))).toEqual([R.donggala]);
    expect(ids(await get('/agreements', { regionCode: '53' }).expect(200))).toEqual([R.sbd, R.sumbaTimur].sort());
    expect(ids(await get('/agreements').expect(200))).toHaveLength(5);
  });

  it('filters the list by status', async () => {
    expect(ids(await get('/agreements', { regionCode: '72', status: 'active' }).expect(200))).toEqual([R.donggala]);
    expect(ids(await get('/agreements', { regionCode: '72', status: 'expired' }).expect(200))).toEqual([R.sulteng]);
    expect(ids(await get('/agreements', { regionCode: '72', status: 'terminated' }).expect(200))).toEqual([R.sigi]);
  });

  it('refuses an unknown status or a malformed region code', async () => {
    expectProblem(await get('/agreements', { status: 'lapsed' }), 400, 'VALIDATION_FAILED');
    expectProblem(await get('/agreements', { regionCode: '7201' }), 400, 'VALIDATION_FAILED');
  });

  it('counts, per month, the members covered on at least one day of it', async () => {
    const res = await get(`/agreements/${R.sbd}/coverage`, { ...MONTH, interval: 'month' }).expect(200);
    expect(res.body.interval).toBe('month');
    // December: the JKK death on the 5th was covered, the member withdrawn from the 1st and the JKM death were not.
    expect(
      res.body.series.map(({ period, coveredMembers }: { period: string; coveredMembers: number }) => ({
        period,
        coveredMembers,
      })),
    ).toEqual([
      { period: '2025-10', coveredMembers: 4 },
      { period: '2025-11', coveredMembers: 4 },
      { period: '2025-12', coveredMembers: 2 },
    ]);
    for (const point of res.body.series) {
      if (point.personMonths !== undefined) expect(point.personMonths).toBe(point.coveredMembers);
    }
  });

  it('counts covered members per day: the day of death is the last covered day', async () => {
    const res = await get(`/agreements/${R.sbd}/coverage`, {
      from: '2025-12-04',
      to: '2025-12-06',
      interval: 'day',
    }).expect(200);
    expect(
      res.body.series.map((p: { period: string; coveredMembers: number }) => [p.period, p.coveredMembers]),
    ).toEqual([
      ['2025-12-04', 2],
      ['2025-12-05', 2],
      ['2025-12-06', 1],
    ]);
  });

  it('adds up the coverage of a region and its regencies', async () => {
    const covered = async (regionCode: string) =>
      (await get('/coverage', { regionCode, ...MONTH, interval: 'month' }).expect(200)).body.series.map(
        (p: { coveredMembers: number }) => p.coveredMembers,
      );
    expect(await covered('53')).toEqual([4, 6, 4]);
    expect(await covered('53.18')).toEqual([4, 4, 2]);
  });

  it('answers AGREEMENT_NOT_FOUND for the coverage or premiums of an unknown agreement', async () => {
    expectProblem(await get('/agreements/no-such-pks/coverage', MONTH), 404, 'AGREEMENT_NOT_FOUND');
    expectProblem(await get('/agreements/no-such-pks/premiums'), 404, 'AGREEMENT_NOT_FOUND');
  });

  it('reconciles the premium month by month: months after death or withdrawal are not due', async () => {
    const res = await get(`/agreements/${R.sbd}/premiums`).expect(200);
    expect(
      res.body.months.map(({ month, personMonths, expected }: Record<string, unknown>) => ({
        month,
        personMonths,
        expected,
      })),
    ).toEqual([
      { month: '2025-10', personMonths: 4, expected: 67_200 },
      { month: '2025-11', personMonths: 4, expected: 67_200 },
      { month: '2025-12', personMonths: 2, expected: 33_600 },
    ]);
    expect(res.body).toMatchObject({ expected: 168_000, paid: 100_000, outstanding: 68_000, refundable: 0 });
    expect(res.body.payments).toEqual([expect.objectContaining({ paymentId: 'sp2d-sbd-0001', amount: 100_000 })]);
  });

  it('answers a payment at once with minPosition, and shows what is refundable', async () => {
    const paid = await running.http
      .post(`/agreements/${R.sbd}/premium-payments`)
      .send(paymentBody('sp2d-sbd-0002', { amount: 100_000 }))
      .expect(201);
    const res = await running.http
      .get(`/agreements/${R.sbd}/premiums`)
      .query({ minPosition: paid.body.position })
      .expect(200);
    expect(res.body).toMatchObject({ expected: 168_000, paid: 200_000, outstanding: 0, refundable: 32_000 });
  });

  it('answers 503 NOT_CAUGHT_UP with Retry-After for a position the read models never reach', async () => {
    const res = await running.http.get('/agreements').query({ minPosition: UNREACHED });
    expectProblem(res, 503, 'NOT_CAUGHT_UP');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
