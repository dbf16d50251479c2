import { startApp, type RunningApp } from './support/app';
import { memberRow, otherAgreementBody, paymentBody } from './support/bodies';
import { expectProblem } from './support/ledger';
import { REGIONS as R, seedRegions } from './support/regions';
import { dateOf, getCsv, getXlsx, numberOf, type Row } from './support/spreadsheets';

/**
 * Every report and list exported as CSV and as XLSX, read back with csv-parse and exceljs: the figures are the
 * JSON answer's, money and counts are numbers and dates are dates in the XLSX, headers are in Bahasa Indonesia.
 */

type Json = Record<string, any>;

describe('exports over HTTP', () => {
  let running: RunningApp;
  let head = 0;
  const json = async (path: string, query: object = {}): Promise<Json> =>
    (
      await running.http
        .get(path)
        .query({ minPosition: head, ...query })
        .expect(200)
    ).body;
  const csv = async (path: string, query: object = {}) =>
    (await getCsv(running.http, path, { minPosition: head, ...query })).rows;
  const xlsx = (path: string, query: object = {}) => getXlsx(running.http, path, { minPosition: head, ...query });

  beforeAll(async () => {
    running = await startApp();
    await seedRegions(running.http);
    const post = (path: string, body: object) => running.http.post(path).send(body).expect(201);
    await post(
      `/agreements/${R.sbd}/premium-payments`,
      paymentBody('sp2d-sbd-0002', { amount: 50_000, paidOn: '2025-11-03' }),
    );
    await post(`/agreements/${R.sbd}/premium-payments/sp2d-sbd-0002/reversal`, {
      reason: 'SP2D dibatalkan',
      reversedOn: '2025-11-04',
    });
    // A worker of Donggala also enrolled by Kota Palu: three agreements fund the same months.
    await post('/agreements', otherAgreementBody('palu-2025-pks', '72.71', 2));
    await post('/agreements/palu-2025-pks/cohorts', {
      cohortId: 'linmas',
      name: 'Linmas Palu',
      effectiveFrom: '2025-11-01',
      members: [memberRow(R.donggalaWorkers[0]), memberRow(R.donggalaWorkers[2])],
    });
    head = (await running.http.get('/health').expect(200)).body.headPosition;
  });
  afterAll(() => running?.close());

  const monthRowCsv = (m: Json) => ({
    Bulan: m.month,
    'Orang-Bulan': String(m.personMonths),
    'Iuran Seharusnya (Rp)': String(m.expected),
    'Dibayar (Rp)': String(m.paid),
    'Tunggakan (Rp)': String(m.outstanding),
  });
  const monthRowXlsx = (row: Row) => ({
    month: dateOf(row.Bulan, 7),
    personMonths: numberOf(row['Orang-Bulan']),
    expected: numberOf(row['Iuran Seharusnya (Rp)']),
    paid: numberOf(row['Dibayar (Rp)']),
    outstanding: numberOf(row['Tunggakan (Rp)']),
  });
  const paymentXlsx = (row: Row) => ({
    paymentId: row['ID Pembayaran'],
    amount: numberOf(row['Jumlah (Rp)']),
    paidOn: dateOf(row['Tanggal Bayar']),
    reference: row['Referensi SP2D'],
    ...(row.Status === 'dibatalkan'
      ? { reversal: { reversedOn: dateOf(row['Tanggal Pembatalan']), reason: row['Alasan Pembatalan'] } }
      : {}),
  });

  it("an agreement's premiums: the months in CSV, the months and the payments in XLSX", async () => {
    const path = `/agreements/${R.sbd}/premiums`;
    const premiums = await json(path);
    expect(await csv(path)).toEqual(premiums.months.map(monthRowCsv));
    const sheets = await xlsx(path);
    expect(Object.keys(sheets)).toEqual(['Iuran per Bulan', 'Pembayaran']);
    expect(sheets['Iuran per Bulan'].map(monthRowXlsx)).toEqual(premiums.months);
    expect(sheets.Pembayaran.map(paymentXlsx)).toEqual(premiums.payments);
    expect(premiums.payments).toHaveLength(2);
  });

  it("an agreement's payments, the reversed one marked", async () => {
    const path = `/agreements/${R.sbd}/premium-payments`;
    const payments = await json(path);
    expect(payments.paid).toBe(100_000);
    expect((await xlsx(path)).Pembayaran.map(paymentXlsx)).toEqual(payments.items);
    expect(
      (await csv(path)).map((r) => [r['ID Pembayaran'], r['Jumlah (Rp)'], r.Status, r['Tanggal Pembatalan']]),
    ).toEqual([
      ['sp2d-sbd-0001', '100000', 'tercatat', ''],
      ['sp2d-sbd-0002', '50000', 'dibatalkan', '2025-11-04'],
    ]);
  });

  it("a region's APBD year: one row per agreement, the months, each agreement's months", async () => {
    const query = { regionCode: '72', year: 2025 };
    const report = await json('/reconciliation/premiums', query);
    const perAgreement = (r: Row) => ({
      agreementId: r['ID PKS'],
      regionCode: r['Kode Wilayah'],
      expected: Number(r['Iuran Seharusnya (Rp)']),
      paid: Number(r['Dibayar (Rp)']),
      outstanding: Number(r['Tunggakan (Rp)']),
      refundable: Number(r['Lebih Bayar (Rp)']),
      paidInYear: Number(r['Dibayar dalam Tahun (Rp)']),
    });
    const expected = report.agreements.map((a: Json) => ({
      agreementId: a.agreementId,
      regionCode: a.pemda.regionCode,
      expected: a.expected,
      paid: a.paid,
      outstanding: a.outstanding,
      refundable: a.refundable,
      paidInYear: a.paidInYear,
    }));
    expect((await csv('/reconciliation/premiums', query)).map(perAgreement)).toEqual(expected);
    const sheets = await xlsx('/reconciliation/premiums', query);
    expect(sheets['Rekap per PKS'].map(perAgreement)).toEqual(expected);
    expect(sheets['Rekap per PKS'].every((r) => typeof r['Iuran Seharusnya (Rp)'] === 'number')).toBe(true);
    expect(sheets['Per Bulan'].map(monthRowXlsx)).toEqual(report.months);
    expect(sheets['PKS per Bulan']).toHaveLength(report.agreements.flatMap((a: Json) => a.months).length);
    expect(report.expected).toBeGreaterThan(0);
  });

  it('benefits paid: every match, with their components', async () => {
    const benefits = await json('/benefits');
    const row = (b: Json) => ({
      claimId: b.claimId,
      agreementId: b.agreementId,
      nik: b.nik,
      dateOfDeath: b.dateOfDeath,
      paidOn: b.paidOn,
      program: b.program,
      total: b.total,
      funeral: b.components.funeral,
    });
    const sheets = await xlsx('/benefits');
    expect(
      sheets['Manfaat Kematian'].map((r) => ({
        claimId: r['ID Klaim'],
        agreementId: r['ID PKS'],
        nik: r.NIK,
        dateOfDeath: dateOf(r['Tanggal Meninggal']),
        paidOn: dateOf(r['Tanggal Bayar']),
        program: r.Program,
        total: numberOf(r['Total (Rp)']),
        funeral: numberOf(r['Biaya Pemakaman (Rp)']),
      })),
    ).toEqual(benefits.items.map(row));
    const rows = await csv('/benefits', { limit: 1 });
    expect(rows.map((r) => [r['ID Klaim'], r['Total (Rp)'], r['Santunan Kematian JKK (Rp)']])).toEqual(
      benefits.items.map((b: Json) => [b.claimId, String(b.total), String(b.components.deathCompensation ?? '')]),
    );
    expect(benefits.totals.count).toBe(2);
  });

  it('coverage over time of an agreement (months) and of a region (days)', async () => {
    const monthly = { from: '2025-10-01', to: '2025-12-31', interval: 'month' };
    const agreement = await json(`/agreements/${R.sbd}/coverage`, monthly);
    expect(
      (await csv(`/agreements/${R.sbd}/coverage`, monthly)).map((r) => [
        r.Bulan,
        r['Peserta Terlindungi'],
        r['Orang-Bulan'],
      ]),
    ).toEqual(agreement.series.map((p: Json) => [p.period, String(p.coveredMembers), String(p.personMonths)]));
    const daily = { regionCode: '72', from: '2025-10-30', to: '2025-11-02', interval: 'day' };
    const region = await json('/coverage', daily);
    const sheets = await xlsx('/coverage', daily);
    expect(sheets.Cakupan.map((r) => [dateOf(r.Tanggal), numberOf(r['Peserta Terlindungi'])])).toEqual(
      region.series.map((p: Json) => [p.period, p.coveredMembers]),
    );
  });

  it('double funding: one row per worker naming every agreement', async () => {
    const report = await json('/reconciliation/double-funding', { regionCode: '72' });
    const expected = report.items.map((d: Json) => ({
      nik: d.nik,
      agreements: d.agreements.join('; '),
      count: d.agreements.length,
      months: d.months.join('; '),
      premium: d.premiumPaidTwice,
    }));
    const fromRow = (r: Row) => ({
      nik: r.NIK,
      agreements: r.PKS,
      count: Number(r['Jumlah PKS']),
      months: r.Bulan,
      premium: Number(r['Iuran Dibayar Ganda (Rp)']),
    });
    expect((await csv('/reconciliation/double-funding', { regionCode: '72' })).map(fromRow)).toEqual(expected);
    expect(
      (await xlsx('/reconciliation/double-funding', { regionCode: '72' }))['Pendanaan Ganda'].map(fromRow),
    ).toEqual(expected);
    expect(report.items.some((d: Json) => d.agreements.length === 3)).toBe(true);
  });

  it("an agreement's member list: every member, however the JSON pages it", async () => {
    const path = `/agreements/${R.sbd}/members`;
    const members = await json(path, { limit: 1000 });
    expect(members.total).toBe(4);
    const rows = await csv(path, { limit: 1 });
    expect(rows.map((r) => [r.NIK, r.Nama, r['Orang-Bulan'], r['Berakhir Karena']])).toEqual(
      members.items.map((m: Json) => [
        m.nik,
        m.name,
        String(m.personMonths),
        m.endedBy === undefined ? '' : { death: 'meninggal', withdrawal: 'keluar' }[m.endedBy as string],
      ]),
    );
    const sheet = (await xlsx(path)).Peserta;
    expect(
      sheet.map((r) => ({
        nik: r.NIK,
        declaredIncome: numberOf(r['Penghasilan Terdaftar (Rp)']),
        from: dateOf(r['Mulai Perlindungan']),
        to: dateOf(r['Akhir Perlindungan']),
      })),
    ).toEqual(
      members.items.map((m: Json) => ({
        nik: m.nik,
        declaredIncome: m.declaredIncome,
        from: m.coverage.from,
        to: m.coverage.to,
      })),
    );
  });

  it('answers JSON for ?format=json, for application/json and for */*, and refuses an unknown format', async () => {
    const path = `/agreements/${R.sbd}/premiums`;
    for (const res of [
      await running.http.get(path).query({ format: 'json' }),
      await running.http.get(path).set('Accept', 'application/json'),
      await running.http.get(path).set('Accept', '*/*'),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
    }
    const text = await running.http.get(path).set('Accept', 'text/csv');
    expect(text.headers['content-type']).toBe('text/csv; charset=utf-8');
    expectProblem(await running.http.get(path).query({ format: 'pdf' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await running.http.get('/agreements/tidak-ada/members').query({ format: 'csv' }),
      404,
      'AGREEMENT_NOT_FOUND',
    );
  });
});
