import { readFileSync } from 'node:fs';
import { PERSONAL_DATA_MASKED } from '@pks/domain';
import { maskPersonalData } from '../../apps/api/src/access/personal-data.masker';
import { startApp, type Http, type RunningApp } from './support/app';
import { buildWorld, WORLD } from './support/access-world';

/**
 * Rule 12 and API.md "Access": NIK, member name and heir name are masked for `viewer` in every answer that
 * carries them (`720101******0001`, `M. N.`), and every read of them in the clear is in the access log.
 */
const NIK = /\b\d{16}\b/;
const { main, members } = WORLD.in;
const MASKED_NIK = (nik: string) => `${nik.slice(0, 6)}******${nik.slice(-4)}`;

describe('personal data shown by need', () => {
  let running: RunningApp;
  let viewer: Http;
  let auditor: Http;

  beforeAll(async () => {
    running = await startApp();
    viewer = running.as(await running.token({ sub: 'dasbor@kemnaker', roles: ['viewer'] }));
    auditor = running.as(await running.token({ sub: 'auditor@bpk', roles: ['auditor'] }));
    await buildWorld(running.http);
  });
  afterAll(() => running?.close());

  const both = async (path: string, query: Record<string, string> = {}) => ({
    shown: (await running.http.get(path).query(query).expect(200)).body,
    masked: (await viewer.get(path).query(query).expect(200)).body,
  });

  it('masks the NIKs of the benefits list for a viewer, and nothing else of it', async () => {
    const { shown, masked } = await both('/benefits', { regionCode: '53' });
    expect(shown.items.map((i: { nik: string }) => i.nik)).toEqual([members[0]]);
    const nik = MASKED_NIK(members[0]);
    // The e2e claim ids quote the NIK (`jkm-<NIK>`): quoted, it is masked too.
    expect(masked).toEqual({ ...shown, items: shown.items.map((i: object) => ({ ...i, nik, claimId: `jkm-${nik}` })) });
    expect(JSON.stringify(masked)).not.toMatch(NIK);
  });

  it('masks the NIKs of the double-funding report for a viewer, keeping agreements, months and amounts', async () => {
    const { shown, masked } = await both('/reconciliation/double-funding', { regionCode: '53' });
    expect(shown.items).toHaveLength(1);
    expect(masked.items).toEqual([{ ...shown.items[0], nik: MASKED_NIK(members[1]) }]);
    expect(masked.totals).toEqual(shown.totals);
    expect(JSON.stringify(masked)).not.toMatch(NIK);
  });

  it.each([
    ['a summary', `/agreements/${main}`],
    ['an agreement list', '/agreements'],
    ['coverage', `/agreements/${main}/coverage`],
    ['premiums', `/agreements/${main}/premiums`],
  ])('shows a viewer %s whole: Pemda, branch and cohort names are not personal data', async (_, path) => {
    const { shown, masked } = await both(path);
    expect(masked).toEqual(shown);
  });

  it('refuses a viewer the answers that are about one worker or the audit trail (403, whether the NIK exists or not)', async () => {
    for (const path of [`/members/${members[1]}`, '/members/7301010101010001', `/agreements/${main}/events`]) {
      expect({ path, status: (await viewer.get(path)).status }).toEqual({ path, status: 403 });
    }
  });

  it('masks every shape that carries a NIK, a member name or an heir name, as it would for a viewer', async () => {
    const member = (await running.http.get(`/members/${members[0]}`).expect(200)).body;
    expect(maskPersonalData(member, PERSONAL_DATA_MASKED)).toEqual({
      ...member,
      nik: MASKED_NIK(members[0]),
      name: 'P. ' + member.name.split(' ')[1][0] + '.',
      benefit: { ...member.benefit, heirName: 'Y. B.', claimId: `jkm-${MASKED_NIK(members[0])}` },
    });
    const { items } = (await running.http.get(`/agreements/${main}/events`).expect(200)).body;
    const masked = maskPersonalData(items, PERSONAL_DATA_MASKED);
    const enrolled = masked.find((e: { type: string }) => e.type === 'CohortEnrolled');
    expect(enrolled.data.name).toBe('Program Berkah Nelayan');
    expect(enrolled.data.members[0]).toMatchObject({ nik: MASKED_NIK(members[0]), name: 'P. 0.' });
    const paid = masked.find((e: { type: string }) => e.type === 'DeathBenefitPaid');
    expect(paid.data).toMatchObject({ nik: MASKED_NIK(members[0]), heir: { name: 'Y. B.', relationship: 'spouse' } });
    const signed = masked.find((e: { type: string }) => e.type === 'AgreementSigned');
    expect(signed.data.pemda.name).toBe('Pemda 53.18');
    expect(JSON.stringify(masked)).not.toMatch(NIK);
    const state = (await running.http.get(`/agreements/${main}/state`).query({ version: 4 }).expect(200)).body;
    expect(maskPersonalData(state, PERSONAL_DATA_MASKED)).toEqual(state);
  });

  it("logs who read a worker's data in the clear, and whom: not a viewer's masked answers", async () => {
    await auditor.get(`/members/${members[1]}`).expect(200);
    await auditor.get(`/agreements/${main}/events`).query({ limit: 3 }).expect(200);
    await viewer.get('/benefits').expect(200);
    await viewer.get(`/members/${members[1]}`).expect(403);
    const lines = readFileSync(running.config.accessLogPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const byAuditor = lines.filter((line) => line.subject === 'auditor@bpk');
    expect(byAuditor).toEqual([
      expect.objectContaining({
        log: 'access',
        role: 'auditor',
        route: 'GET /members/{nik}',
        params: { nik: members[1] },
        niks: [members[1]],
        at: expect.stringMatching(/Z$/),
      }),
      expect.objectContaining({
        route: 'GET /agreements/{id}/events',
        agreementId: main,
        versions: { from: 1, to: 3 },
        query: { limit: '3' },
      }),
    ]);
    expect(lines.filter((line) => line.subject === 'dasbor@kemnaker')).toEqual([]);
  });

  // The report is answered as the query wrote it (JSON made from the stored JSON, never parsed on the way): it
  // must still be JSON, and its NIKs still logged, page by page.
  it('answers the double-funding report as JSON and logs each worker of the page read in the clear', async () => {
    const res = await auditor.get('/reconciliation/double-funding').query({ limit: '1' }).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.items.map((i: { nik: string }) => i.nik)).toEqual([members[1]]);
    expect(res.body.page).toEqual({ limit: 1, offset: 0, returned: 1 });
    const lines = readFileSync(running.config.accessLogPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const read = lines.filter((line) => line.route === 'GET /reconciliation/double-funding');
    expect(read.filter((line) => line.subject === 'auditor@bpk')).toEqual([
      expect.objectContaining({ role: 'auditor', query: { limit: '1' }, niks: [members[1]] }),
    ]);

    // HEAD: the same headers, no body.
    const head = await auditor.head('/reconciliation/double-funding').query({ limit: '1' }).expect(200);
    expect(head.headers['content-length']).toBe(res.headers['content-length']);
    expect(head.text ?? '').toBe('');
  });

  it('answers the benefits list as SQLite wrote it: JSON, and the NIKs of the page logged for a reader in the clear', async () => {
    const res = await auditor.get('/benefits').query({ regionCode: '53' }).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body.items.map((i: { nik: string; scholarshipEligible: boolean }) => i.nik)).toEqual([members[0]]);
    expect(typeof res.body.items[0].scholarshipEligible).toBe('boolean');
    expect(res.body.page).toEqual({ limit: 100, offset: 0, returned: 1 });
    const lines = readFileSync(running.config.accessLogPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const read = lines.filter((line) => line.route === 'GET /benefits' && line.subject === 'auditor@bpk');
    expect(read).toEqual([
      expect.objectContaining({ role: 'auditor', query: { regionCode: '53' }, niks: [members[0]] }),
    ]);
  });

  it('tells browsers and proxies to keep no answer of the API (no-store, no ETag), those refused too', async () => {
    const answers = [
      await auditor.get('/benefits').query({ regionCode: '53' }).expect(200),
      await auditor.get('/reconciliation/double-funding').expect(200),
      await viewer.get('/benefits').expect(200),
      await running.anonymous.get('/benefits').expect(401),
      await running.anonymous.post(`/agreements/${main}/premium-payments`).send({}).expect(401),
      await running.http.get('/no-such-route').expect(404),
    ];
    for (const res of answers) {
      expect({ status: res.status, cacheControl: res.headers['cache-control'], etag: res.headers.etag }).toEqual({
        status: res.status,
        cacheControl: 'no-store',
        etag: undefined,
      });
    }
  });
});
