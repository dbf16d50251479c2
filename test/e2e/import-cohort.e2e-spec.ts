import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { importCohort, type ImportOptions } from '../../apps/cli/src/import/import-cohort';
import { startApp, type RunningApp } from './support/app';
import { nik, otherAgreementBody } from './support/bodies';
import { snapshot } from './support/ledger';

/**
 * `import-cohort` against the HTTP API: columns mapped, a bad file sends nothing, a re-run enrols no one twice,
 * and the officer whose token it sends is the actor of what it enrols (no token, nothing sent).
 */

const ID = 'toraja-utara-2025';
/** The branch officer of the agreement's branch (otherAgreementBody signs with branch PALU). */
const OFFICER = { sub: 'petugas@kc-palu', roles: ['branch-officer' as const], branches: ['PALU'] };

/** A terminal that is not one: what the import writes, as text. */
function output(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('import-cohort', () => {
  let running: RunningApp;
  let dir: string;
  let options: Omit<ImportOptions, 'file' | 'cohortId' | 'batchSize'>;
  const run = async (file: string, cohortId: string, batchSize = 3) => {
    const [err, out] = [output(), output()];
    const code = await importCohort({ ...options, file, cohortId, batchSize }, err.stream, out.stream);
    return { code, err: err.text(), out: out.text() };
  };
  const members = async (cohortId: string) =>
    (await running.http.get(`/agreements/${ID}`).expect(200)).body.cohorts.find(
      (c: { cohortId: string }) => c.cohortId === cohortId,
    )?.members ?? 0;

  beforeAll(async () => {
    running = await startApp();
    dir = mkdtempSync(join(tmpdir(), 'pks-import-'));
    await running.http
      .post('/agreements')
      .send(otherAgreementBody(ID, '73.26', 50))
      .expect(201);
    const port = (running.app.getHttpServer().address() as AddressInfo).port;
    const token = await running.token(OFFICER);
    options = { agreementId: ID, name: 'Pekerja Rentan Lembang', baseUrl: `http://127.0.0.1:${port}`, token };
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps the usual headers of an XLSX file, says which column it took for what, and enrols in batches', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data Peserta');
    sheet.addRow(['No', 'Nama Lengkap', 'NIK', 'Desa/Lembang', 'Pekerjaan', 'Penghasilan']);
    for (let i = 0; i < 7; i++) {
      sheet.addRow([
        i + 1,
        `Pekerja ${i}`,
        nik(i, { place: '732601' }),
        '73.26.01.2001',
        'petani',
        i === 0 ? '1.500.000' : null,
      ]);
    }
    const file = join(dir, 'lembang.xlsx');
    await workbook.xlsx.writeFile(file);
    const { code, err, out } = await run(file, 'lembang');
    expect(code).toBe(0);
    expect(err).toContain('NIK <- column C "NIK"');
    expect(err).toContain('Kode Desa <- column D "Desa/Lembang"');
    expect(err).toContain('Penghasilan <- column F "Penghasilan"');
    expect(err).toContain('ignored column(s): No');
    expect(err).toContain('batch 3/3 enrolled: 7 of 7 members');
    expect(JSON.parse(out)).toMatchObject({ agreementId: ID, cohortId: 'lembang', members: 7, batches: 3 });
    expect(await members('lembang')).toBe(7);
    const worker = (await running.http.get(`/members/${nik(0, { place: '732601' })}`).expect(200)).body;
    expect(worker.agreements[0].declaredIncome).toBe(1_500_000);
  });

  it("records the officer of the token as the actor of every batch, in the officer's role", async () => {
    const { items } = (await running.http.get(`/agreements/${ID}/events`).expect(200)).body;
    const enrolments = items.filter((e: { type: string }) => e.type.startsWith('Cohort'));
    expect(enrolments.map((e: { type: string }) => e.type)).toEqual([
      'CohortEnrolled',
      'CohortBatchEnrolled',
      'CohortBatchEnrolled',
    ]);
    for (const event of enrolments)
      expect(event.metadata).toMatchObject({ actor: OFFICER.sub, role: 'branch-officer' });
  });

  it('run again on the same file: the batches answer as before and no one is enrolled twice', async () => {
    const before = await snapshot(running.http, ID);
    const { code } = await run(join(dir, 'lembang.xlsx'), 'lembang');
    expect(code).toBe(0);
    expect(await snapshot(running.http, ID)).toEqual(before);
  });

  it('a file with bad rows: prints each with its row number and reason, sends nothing, exits 1', async () => {
    const rows = [
      'NIK;Nama;Pekerjaan;Kode Desa;Penghasilan',
      `${nik(100, { place: '732601' })};Ana;petani;73.26.01.2001;`,
      `5399010101800001;Budi;nelayan;73.26.01.2001;`, // province 53 is real, 99 is a regency: valid structure
      `7326010000000000;Citra;petani;73.26.01.2001;`, // birth date 000000 and serial 0000
      `${nik(101, { place: '732601' })};Dewi;petani;73.26;`,
      `${nik(102, { place: '732601' })};Eka;petani;73.26.01.2001;Rp 500.000`,
      `${nik(100, { place: '732601' })};Ana lagi;petani;73.26.01.2001;`,
    ];
    const file = join(dir, 'buruk.csv');
    writeFileSync(file, `\ufeff${rows.join('\r\n')}\r\n`);
    const before = await snapshot(running.http, ID);
    const { code, err } = await run(file, 'buruk');
    expect(code).toBe(1);
    expect(err).toMatch(/baris 4: NIK: .+/);
    expect(err).toMatch(/baris 5: Kode Desa: must be a village code/);
    expect(err).toMatch(/baris 6: Penghasilan: must be a whole number of rupiah from 1000000/);
    expect(err).toMatch(/baris 7: NIK: sama dengan baris 2/);
    expect(err).not.toMatch(/baris [23]:/);
    expect(err).toContain('4 bad row(s) of 6; nothing sent');
    expect(await snapshot(running.http, ID)).toEqual(before);
  });

  it('a file without a NIK column sends nothing', async () => {
    const file = join(dir, 'tanpa-nik.csv');
    writeFileSync(file, 'Nama,Pekerjaan,Kode Desa\nAna,petani,73.26.01.2001\n');
    const { code, err } = await run(file, 'tanpa-nik');
    expect(code).toBe(1);
    expect(err).toContain('missing column(s): NIK; nothing sent');
  });

  it('a file it cannot read (a CSV named .xlsx, an empty file, a missing path) is refused: exit 1, nothing sent', async () => {
    const renamed = join(dir, 'sebenarnya-csv.xlsx');
    writeFileSync(renamed, `NIK,Nama,Pekerjaan,Kode Desa\n${nik(300, { place: '732601' })},Ana,petani,73.26.01.2001\n`);
    const empty = join(dir, 'kosong.csv');
    writeFileSync(empty, '');
    const before = await snapshot(running.http, ID);
    for (const [file, reason] of [
      [renamed, 'not a readable XLSX workbook (not a zip archive'],
      [empty, 'the file is empty'],
      [join(dir, 'tidak-ada.csv'), 'cannot be read (ENOENT)'],
    ] as const) {
      const { code, err } = await run(file, 'tak-terbaca');
      expect(code).toBe(1);
      expect(err).toContain(`${file}: ${reason}`);
      expect(err).toMatch(/; nothing sent\n$/);
    }
    expect(await members('tak-terbaca')).toBe(0);
    expect(await snapshot(running.http, ID)).toEqual(before);
  });

  it('without a token it reads nothing and sends nothing, and says how to get one (exit 64)', async () => {
    const before = await snapshot(running.http, ID);
    for (const token of [undefined, '  ']) {
      const [err, out] = [output(), output()];
      const file = join(dir, 'lembang.xlsx');
      const code = await importCohort(
        { ...options, token, file, cohortId: 'tanpa-token', batchSize: 3 },
        err.stream,
        out.stream,
      );
      expect(code).toBe(64);
      expect(err.text()).toContain("import-cohort needs the officer's token: --token or PKS_TOKEN");
    }
    expect(await snapshot(running.http, ID)).toEqual(before);
  });

  it('a token the service refuses, or one of another branch, enrols no one and says why', async () => {
    const file = join(dir, 'lain.csv');
    writeFileSync(file, `NIK,Nama,Pekerjaan,Kode Desa\n${nik(200, { place: '732601' })},Ana,petani,73.26.01.2001\n`);
    const before = await snapshot(running.http, ID);
    const elsewhere = await running.token({ ...OFFICER, sub: 'petugas@kc-sumba', branches: ['SUMBA'] });
    const viewer = await running.token({ sub: 'dasbor@kemnaker', roles: ['viewer'] });
    for (const [token, status, advice] of [
      ['not.a.token', 401, 'the token was refused (expired?)'],
      [elsewhere, 403, 'this token may not enrol in this agreement'],
      [viewer, 403, 'this token may not enrol in this agreement'],
    ] as const) {
      const [err, out] = [output(), output()];
      const code = await importCohort(
        { ...options, token, file, cohortId: 'lain', batchSize: 3 },
        err.stream,
        out.stream,
      );
      expect({ code, refused: err.text().match(/batch 1 refused with (\d+)/)?.[1] }).toEqual({
        code: 1,
        refused: String(status),
      });
      expect(err.text()).toContain(`batches before 1 are enrolled; ${advice}`);
    }
    expect(await snapshot(running.http, ID)).toEqual(before);
  });

  it('a batch the service refuses stops the import and says which', async () => {
    const file = join(dir, 'sudah.csv');
    writeFileSync(
      file,
      `NIK,Nama,Pekerjaan,Kode Desa\n${nik(0, { place: '732601' })},Pekerja 0,petani,73.26.01.2001\n`,
    );
    const { code, err } = await run(file, 'sudah');
    expect(code).toBe(1);
    expect(err).toMatch(/batch 1 refused with 409: .*MEMBER_ALREADY_ENROLLED/);
  });
});
