import { readFileSync } from 'node:fs';
import { startApp, type Http, type RunningApp } from './support/app';
import { ALL, buildWorld, CALLERS, ROUTES, WORLD, type Caller, type Target } from './support/access-world';
import { getCsv, getXlsx, type Row } from './support/spreadsheets';

/**
 * API.md "Access" and "exports": a report or list asked as CSV (`?format=csv`) or XLSX (the Accept header) is
 * answered to whom its JSON answer is, within the same scope, with personal data masked for a viewer as in JSON
 * (rule 12), and every read of personal data in the clear is in the access log with its subject and every NIK
 * the file names.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NIK = /(?<!\d)\d{16}(?!\d)/;
const MASKED_NIK = (nik: string) => `${nik.slice(0, 6)}******${nik.slice(-4)}`;
const { main, members } = WORLD.in;

/** Each exported route, and the rows its file's first sheet holds for a JSON answer: every match, not a page. */
const EXPORTS: Readonly<Record<string, (json: any) => number>> = {
  'GET /agreements/{id}/coverage': (json) => json.series.length,
  'GET /coverage': (json) => json.series.length,
  'GET /agreements/{id}/premiums': (json) => json.months.length,
  'GET /agreements/{id}/premium-payments': (json) => json.items.length,
  'GET /reconciliation/premiums': (json) => json.agreements.length,
  'GET /reconciliation/double-funding': (json) => json.totals.count,
  'GET /benefits': (json) => json.totals.count,
  'GET /agreements/{id}/members': (json) => json.total,
};

describe('exports, by who asks', () => {
  let running: RunningApp;
  let clients: Record<Caller, Http>;

  beforeAll(async () => {
    running = await startApp();
    clients = {} as Record<Caller, Http>;
    for (const caller of ALL) clients[caller] = running.as(await running.token(CALLERS[caller]));
    await buildWorld(running.http);
  });
  afterAll(() => running?.close());

  describe.each(Object.keys(EXPORTS))('%s', (key) => {
    it.each(['in', 'out'] as const)(
      'answers CSV and XLSX to each role as it answers JSON, with the rows of its scope (%s-of-scope Pemda)',
      async (target: Target) => {
        const failures: string[] = [];
        for (const caller of ALL) {
          const request = await ROUTES[key](target, running.http);
          const get = () => clients[caller].get(request.path).query(request.query ?? {});
          const json = await get();
          const csv = await get().query({ format: 'csv' });
          const xlsx = await get().set('Accept', XLSX);
          const statuses = [json.status, csv.status, xlsx.status];
          if (new Set(statuses).size !== 1) failures.push(`${caller}: JSON, CSV, XLSX answered ${statuses.join(', ')}`);
          else if (json.status === 200) {
            const rows = (await getCsv(clients[caller], request.path, request.query)).rows.length;
            if (rows !== EXPORTS[key](json.body))
              failures.push(`${caller}: ${rows} rows, JSON says ${EXPORTS[key](json.body)}`);
          }
        }
        expect(failures).toEqual([]);
      },
    );
  });

  it('refuses a viewer the member list in every format (403): it is personal data, as one worker is', async () => {
    for (const ask of [{}, { format: 'csv' }, { format: 'xlsx' }]) {
      const res = await clients.viewer.get(`/agreements/${main}/members`).query(ask);
      expect({ ask, status: res.status, code: res.body.code }).toEqual({ ask, status: 403, code: 'FORBIDDEN' });
    }
  });

  it("masks the NIKs of a viewer's double-funding export, CSV and XLSX, and nothing else of it", async () => {
    const query = { regionCode: '53' };
    const path = '/reconciliation/double-funding';
    const shown = (await getCsv(clients.admin, path, query)).rows;
    expect(shown.map((row) => row.NIK)).toEqual([members[1]]);
    const masked = await getCsv(clients.viewer, path, query);
    expect(masked.rows).toEqual([{ ...shown[0], NIK: MASKED_NIK(members[1]) }]);
    expect(masked.res.body.toString('utf8')).not.toMatch(NIK);
    const sheets = await getXlsx(clients.viewer, path, query);
    expect(sheets['Pendanaan Ganda'].map((row) => row.NIK)).toEqual([MASKED_NIK(members[1])]);
    expect(JSON.stringify(sheets)).not.toMatch(NIK);
  });

  it("masks the NIKs of a viewer's benefits export, also one quoted in a claim id, CSV and XLSX", async () => {
    const query = { regionCode: '53' };
    const shown = (await getCsv(clients.admin, '/benefits', query)).rows;
    const nik = MASKED_NIK(members[0]);
    expect(shown.map((row) => [row.NIK, row['ID Klaim']])).toEqual([[members[0], `jkm-${members[0]}`]]);
    const masked = await getCsv(clients.viewer, '/benefits', query);
    expect(masked.rows).toEqual([{ ...shown[0], NIK: nik, 'ID Klaim': `jkm-${nik}` }]);
    const sheets = await getXlsx(clients.viewer, '/benefits', query);
    expect(sheets['Manfaat Kematian'].map((row: Row) => [row.NIK, row['ID Klaim']])).toEqual([[nik, `jkm-${nik}`]]);
    expect(JSON.stringify(sheets)).not.toMatch(NIK);
  });

  it('logs who exported personal data in the clear, and every NIK the file named; not a masked export', async () => {
    const before = accessLog().length;
    await getCsv(clients.auditor, `/agreements/${main}/members`);
    await getXlsx(clients.finance, '/reconciliation/double-funding', { regionCode: '53' });
    await getCsv(clients.viewer, '/benefits');
    await getCsv(clients.auditor, `/agreements/${main}/premiums`);
    const lines = accessLog().slice(before);
    expect(lines).toEqual([
      expect.objectContaining({
        subject: 'auditor@bpk',
        role: 'auditor',
        route: 'GET /agreements/{id}/members',
        params: { id: main },
        query: { format: 'csv' },
        format: 'csv',
        niks: [...members].sort(),
        at: expect.stringMatching(/Z$/),
      }),
      expect.objectContaining({
        subject: 'bendahara@ntt',
        role: 'finance',
        route: 'GET /reconciliation/double-funding',
        format: 'xlsx',
        niks: [members[1]],
      }),
    ]);
  });

  function accessLog(): Record<string, unknown>[] {
    return readFileSync(running.config.accessLogPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
});
