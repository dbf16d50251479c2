import { startApp, type RunningApp } from './support/app';
import { cohortBody, otherAgreementBody, paymentBody } from './support/bodies';
import { expectProblem, expectRefused, sleep, summary } from './support/ledger';

/** Rule 8 over HTTP: payments dated after the signature, allocated earliest month first, reversed by a later fact. */

const ID = 'bayar-2025';
const MONTH = 10 * 16_800; // 10 workers, Rp168,000 a month, October to December

describe('premium payments and their reversal over HTTP', () => {
  let running: RunningApp;
  const post = (path: string, body: object) => running.http.post(path).send(body);
  const premiums = async (query: Record<string, string> = {}) =>
    (await running.http.get(`/agreements/${ID}/premiums`).query(query).expect(200)).body;

  beforeAll(async () => {
    running = await startApp();
    // Signed 2025-10-28 (coverage from 2025-10-01, retroactive).
    await post('/agreements', otherAgreementBody(ID, '53.18', 10, { signedOn: '2025-10-28' })).expect(201);
    await post(`/agreements/${ID}/cohorts`, cohortBody(10)).expect(201);
  });
  afterAll(() => running?.close());

  it('refuses a payment dated before the signature with 422 INVALID_DATE, appending nothing', async () => {
    const res = await expectRefused(
      running.http,
      ID,
      () => post(`/agreements/${ID}/premium-payments`, paymentBody('sp2d-early', { paidOn: '2025-10-27' })),
      422,
      'INVALID_DATE',
    );
    expect(res.body.details).toEqual({ paidOn: '2025-10-27', signedOn: '2025-10-28' });
  });

  it('allocates two payments to October first, then November and December', async () => {
    await post(`/agreements/${ID}/premium-payments`, paymentBody('sp2d-1', { amount: 300_000 })).expect(201);
    await sleep(5); // the reversal below is recorded at a later instant than this payment
    await post(
      `/agreements/${ID}/premium-payments`,
      paymentBody('sp2d-2', { amount: 204_000, paidOn: '2025-11-03' }),
    ).expect(201);
    const body = await premiums();
    expect(body.months).toEqual([
      { month: '2025-10', personMonths: 10, expected: MONTH, paid: MONTH, outstanding: 0 },
      { month: '2025-11', personMonths: 10, expected: MONTH, paid: MONTH, outstanding: 0 },
      { month: '2025-12', personMonths: 10, expected: MONTH, paid: MONTH, outstanding: 0 },
    ]);
    expect(body).toMatchObject({ expected: 504_000, paid: 504_000, outstanding: 0, refundable: 0 });
  });

  it('a reversal takes a cancelled SP2D back: paid drops, December and part of November are outstanding again', async () => {
    const res = await post(`/agreements/${ID}/premium-payments/sp2d-2/reversal`, {
      reason: 'SP2D dibatalkan',
      reversedOn: '2025-11-05',
    }).expect(201);
    expect(res.body).toMatchObject({ agreementId: ID, version: 5 });
    const body = await premiums();
    expect(body.months.map((m: { paid: number; outstanding: number }) => [m.paid, m.outstanding])).toEqual([
      [MONTH, 0],
      [132_000, 36_000],
      [0, MONTH],
    ]);
    expect(body).toMatchObject({ paid: 300_000, outstanding: 204_000 });
    expect(await summary(running.http, ID)).toMatchObject({ paidPremium: 300_000, outstanding: 204_000 });
  });

  it('the history keeps both facts: the payment stays listed, with its reversal', async () => {
    expect((await premiums()).payments).toEqual([
      { paymentId: 'sp2d-1', amount: 300_000, paidOn: '2025-10-29', reference: 'SP2D sp2d-1' },
      {
        paymentId: 'sp2d-2',
        amount: 204_000,
        paidOn: '2025-11-03',
        reference: 'SP2D sp2d-2',
        reversal: { reversedOn: '2025-11-05', reason: 'SP2D dibatalkan' },
      },
    ]);
    const events = (await running.http.get(`/agreements/${ID}/events`).expect(200)).body.items;
    expect(events.map((e: { type: string }) => e.type).slice(-3)).toEqual([
      'PremiumPaymentRecorded',
      'PremiumPaymentRecorded',
      'PremiumPaymentReversed',
    ]);
  });

  it('asKnownAt: the reconciliation as it stood before the reversal was recorded', async () => {
    const events = (await running.http.get(`/agreements/${ID}/events`).expect(200)).body.items;
    const paidAt = events[3].metadata.recordedAt as string;
    expect(paidAt < events[4].metadata.recordedAt).toBe(true);
    const before = await premiums({ asKnownAt: paidAt });
    expect(before).toMatchObject({ asKnownAt: paidAt, paid: 504_000, outstanding: 0 });
    expect(before.payments.some((p: object) => 'reversal' in p)).toBe(false);
    const signedAt = events[0].metadata.recordedAt as string;
    expect(await premiums({ asKnownAt: signedAt })).toMatchObject({ expected: 0, paid: 0, payments: [] });
  });

  it('a second reversal is 409 PAYMENT_REVERSED, appending nothing', async () => {
    const res = await expectRefused(
      running.http,
      ID,
      () => post(`/agreements/${ID}/premium-payments/sp2d-2/reversal`, { reason: 'lagi', reversedOn: '2025-11-06' }),
      409,
      'PAYMENT_REVERSED',
    );
    expect(res.body.details).toEqual({ paymentId: 'sp2d-2', reversedOn: '2025-11-05' });
  });

  it('refuses a payment never recorded, a reversal before the payment, and a malformed body', async () => {
    const reverse = (paymentId: string, body: object) =>
      post(`/agreements/${ID}/premium-payments/${paymentId}/reversal`, body);
    await expectRefused(
      running.http,
      ID,
      () => reverse('sp2d-404', { reason: 'x', reversedOn: '2025-11-05' }),
      404,
      'PAYMENT_NOT_FOUND',
    );
    await expectRefused(
      running.http,
      ID,
      () => reverse('sp2d-1', { reason: 'x', reversedOn: '2025-10-28' }),
      422,
      'INVALID_DATE',
    );
    const bad = await reverse('sp2d-1', { reason: 'x', reversedOn: 20251105 });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expectProblem(await reverse('bad id', { reason: 'x', reversedOn: '2025-11-05' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await post('/agreements/tidak-ada/premium-payments/sp2d-1/reversal', { reason: 'x', reversedOn: '2025-11-05' }),
      404,
      'AGREEMENT_NOT_FOUND',
    );
  });

  it('refuses asKnownAt that is not an instant', async () => {
    expectProblem(
      await running.http.get(`/agreements/${ID}/premiums`).query({ asKnownAt: '2025-11-01' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
