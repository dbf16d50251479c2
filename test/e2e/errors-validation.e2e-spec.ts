import { startApp, type RunningApp } from './support/app';
import { batchBody, cohortBody, memberRow, nik, niks, signBody } from './support/bodies';
import { expectProblem, expectRefused } from './support/ledger';

/** 400 VALIDATION_FAILED and 413 PAYLOAD_TOO_LARGE: refused before any rule runs, nothing appended. */
const ID = 'sbd-validation-01';

describe('malformed requests', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
    await running.http
      .post('/agreements')
      .send(signBody({ agreementId: ID }))
      .expect(201);
    await running.http.post(`/agreements/${ID}/cohorts`).send(cohortBody(3)).expect(201);
  });
  afterAll(() => running?.close());

  it('names each bad field with its path', async () => {
    const res = await expectRefused(
      running.http,
      'SBD 2025',
      () =>
        running.http
          .post('/agreements')
          .send(
            signBody({ agreementId: 'SBD 2025', pemda: { regionCode: '5318', name: 'Kabupaten Sumba Barat Daya' } }),
          ),
      400,
      'VALIDATION_FAILED',
    );
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['agreementId', 'pemda.regionCode']));
    for (const detail of res.body.details)
      expect(detail).toEqual({ path: expect.any(String), reason: expect.any(String) });
  });

  it('refuses a money amount that is not whole rupiah', async () => {
    const res = await expectRefused(
      running.http,
      ID,
      () =>
        running.http
          .post(`/agreements/${ID}/premium-payments`)
          .send({ paymentId: 'sp2d-1', amount: 94_080_000.5, paidOn: '2025-10-15', reference: 'SP2D 1' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain('amount');
  });

  it('refuses a calendar date that does not exist', async () => {
    const res = await expectRefused(
      running.http,
      ID,
      () =>
        running.http.post(`/agreements/${ID}/extensions`).send({ newEnd: '2026-02-30', reference: 'Perda APBD 2026' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual(['newEnd']);
  });

  it('rejects a batch with invalid NIKs whole, naming every bad row', async () => {
    const [good1, good2] = niks(2, 100);
    const members = [
      memberRow(good1),
      memberRow('5318011010800000'), // serial 0000 is never issued
      memberRow(good2),
      memberRow('5318013213800001'), // day 32, month 13
    ];
    const res = await expectRefused(
      running.http,
      ID,
      () => running.http.post(`/agreements/${ID}/cohorts/berkah-nelayan/members`).send({ members }),
      400,
      'VALIDATION_FAILED',
    );
    const paths = [...new Set(res.body.details.map((d: { path: string }) => d.path))];
    expect(paths).toEqual(['members[1].nik', 'members[3].nik']);
    const reasons = res.body.details
      .filter((d: { path: string }) => d.path === 'members[3].nik')
      .map((d: { reason: string }) => d.reason);
    expect(reasons.join(' ')).toMatch(/day/);
    expect(reasons.join(' ')).toMatch(/month/);
  });

  it('names a NIK of the wrong length and an unknown province', async () => {
    const members = [memberRow('531801101080001'), memberRow('0018011010800001'), memberRow(nik(200))];
    const res = await expectRefused(
      running.http,
      ID,
      () =>
        running.http
          .post(`/agreements/${ID}/cohorts`)
          .send({ cohortId: 'petani', name: 'Program Berkah Petani', members }),
      400,
      'VALIDATION_FAILED',
    );
    expect([...new Set(res.body.details.map((d: { path: string }) => d.path))]).toEqual([
      'members[0].nik',
      'members[1].nik',
    ]);
  });

  it('refuses a body that is not JSON with VALIDATION_FAILED', async () => {
    // API.md: every 400 carries the stable code VALIDATION_FAILED.
    await expectRefused(
      running.http,
      ID,
      () =>
        running.http
          .post(`/agreements/${ID}/premium-payments`)
          .set('Content-Type', 'application/json')
          .send('{"paymentId": "sp2d-2", "amount": '),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses a path parameter that is not valid percent-encoding with VALIDATION_FAILED', async () => {
    await expectRefused(
      running.http,
      ID,
      () => running.http.post('/agreements/%FF/termination').send({ effectiveDate: '2025-12-01', reason: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses an empty batch', async () => {
    const res = await expectRefused(
      running.http,
      ID,
      () => running.http.post(`/agreements/${ID}/cohorts/berkah-nelayan/members`).send({ members: [] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain('members');
  });

  it('refuses a batch of 5,001 members with 413 PAYLOAD_TOO_LARGE', async () => {
    await expectRefused(
      running.http,
      ID,
      () => running.http.post(`/agreements/${ID}/cohorts/berkah-nelayan/members`).send(batchBody(5_001, 1_000)),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('refuses a body larger than the body limit (about 9 MB) with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ ...batchBody(1), padding: 'x'.repeat(9 * 1024 * 1024) });
    const res = await expectRefused(
      running.http,
      ID,
      () =>
        running.http
          .post(`/agreements/${ID}/cohorts/berkah-nelayan/members`)
          .set('Content-Type', 'application/json')
          .send(body),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(res.body.details).toEqual({ limitBytes: 8 * 1024 * 1024 });
  });

  it('answers an unknown route with the same error shape', async () => {
    const res = await running.http.get('/no-such-route');
    expectProblem(res, 404, res.body.code);
  });
});
