import { cohortEnrolled, members, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import { agreementCoverage } from '../agreements';
import { doubleFunding, doubleFundingJson, doubleFundingItems } from '.';
import type { ReadModels } from '../read-models';
import {
  BANGGAI_KEPULAUAN,
  KOTA_PALU,
  LedgerBuilder,
  LUWU_TIMUR,
  SULAWESI_TENGAH,
  signed,
  withdrawn,
} from '../testing/ledger-builder';
import { incomeCorrected } from '../testing/money-events';

/**
 * Rule 11: one NIK covered by more than one agreement in the same month means the premium was paid more than
 * once. All enrolments stand; the overlap is reported once per worker, with every agreement, the months and the
 * premium paid twice, each extra funding counted once.
 */

const SULTENG = SULAWESI_TENGAH.agreementId; // 72, 2025-10-01..2025-12-31
const BANGKEP = BANGGAI_KEPULAUAN.agreementId; // 72.01, 2025-11-01..2026-01-31
const PALU = KOTA_PALU.agreementId; // 72.71, 2025-10-01..2025-12-31
const LUTIM = LUWU_TIMUR.agreementId; // 73.24, 2025-01-01..2025-12-31

const BOTH = nik(500); // province and regency: November and December
const PROVINCE_ONLY = nik(501);
const WITHDRAWN_BEFORE = nik(502); // left the province on 2025-10-31, joined the regency on 2025-11-01
const DIED = nik(503); // died 2025-11-15 under the province: the overlap is November only
const CITY_FIRST = nik(504); // Kota Palu (enrolled first) and the province: October to December
const TWO_PROVINCES = nik(505); // Luwu Timur (73.24) and the province (72)
const WITHDRAWN_MID_MONTH = nik(506); // left the province from 2025-11-20: still November
const THREE = nik(507); // Kota Palu and the province October to December, the regency from November
const CORRECTED = nik(508); // province and regency in November and December, the regency's income corrected

const row = (n: string, name = `Pekerja ${n}`) => ({
  nik: n,
  name,
  occupation: 'petani',
  villageCode: '72.01.01.2001',
});

describe('double funding', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    await ledger.record(PALU, [
      signed(KOTA_PALU),
      cohortEnrolled('linmas', 'Linmas Palu', [row(CITY_FIRST), row(THREE)]),
    ]);
    await ledger.record(LUTIM, [
      signed(LUWU_TIMUR),
      cohortEnrolled('nelayan', 'Nelayan', [row(TWO_PROVINCES)], '2025-01-01'),
    ]);
    await ledger.record(SULTENG, [
      signed(SULAWESI_TENGAH),
      cohortEnrolled(
        'petani',
        'Petani Sulteng',
        [
          BOTH,
          PROVINCE_ONLY,
          WITHDRAWN_BEFORE,
          DIED,
          CITY_FIRST,
          TWO_PROVINCES,
          WITHDRAWN_MID_MONTH,
          THREE,
          CORRECTED,
        ].map((n) => row(n)),
        '2025-10-01',
      ),
      withdrawn(WITHDRAWN_BEFORE, '2025-11-01'),
      naturalDeathPaid(DIED, '2025-11-15'),
      withdrawn(WITHDRAWN_MID_MONTH, '2025-11-20'),
    ]);
    await ledger.record(BANGKEP, [
      signed(BANGGAI_KEPULAUAN),
      cohortEnrolled(
        'nelayan',
        'Nelayan Bangkep',
        [BOTH, WITHDRAWN_BEFORE, DIED, WITHDRAWN_MID_MONTH, THREE, CORRECTED].map((n) => row(n)),
        '2025-11-01',
      ),
      incomeCorrected(CORRECTED, 2_500_000, '2025-12'),
    ]);
    // Corrected later under the province too: the report must follow a correction recorded on its own.
    await ledger.record(SULTENG, [incomeCorrected(CORRECTED, 3_000_000, '2025-12')]);
    // Workers of one agreement only, to make sure they stay out of the report.
    await ledger.record(BANGKEP, [cohortEnrolled('petani', 'Petani Bangkep', members(20, 600), '2025-11-01')]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  const byNik = (region?: string) => Object.fromEntries(doubleFunding(models.db, region).items.map((i) => [i.nik, i]));

  it('reports the province and the regency covering one worker in November and December: 2 x Rp16,800', () => {
    expect(byNik()[BOTH]).toEqual({
      nik: BOTH,
      agreements: [BANGKEP, SULTENG],
      months: ['2025-11', '2025-12'],
      byMonth: [
        { month: '2025-11', agreements: [BANGKEP, SULTENG], premiumPaidTwice: 16_800 },
        { month: '2025-12', agreements: [BANGKEP, SULTENG], premiumPaidTwice: 16_800 },
      ],
      premiumPaidTwice: 33_600,
    });
  });

  it('one item for a worker of three agreements, naming all three: Rp84,000, each extra funding once', () => {
    // October: Kota Palu and the province (1 extra); November and December: the regency too (2 extra each).
    expect(doubleFunding(models.db).items.filter((item) => item.nik === THREE)).toEqual([
      {
        nik: THREE,
        agreements: [BANGKEP, PALU, SULTENG],
        months: ['2025-10', '2025-11', '2025-12'],
        byMonth: [
          { month: '2025-10', agreements: [PALU, SULTENG], premiumPaidTwice: 16_800 },
          { month: '2025-11', agreements: [BANGKEP, PALU, SULTENG], premiumPaidTwice: 33_600 },
          { month: '2025-12', agreements: [BANGKEP, PALU, SULTENG], premiumPaidTwice: 33_600 },
        ],
        premiumPaidTwice: 84_000,
      },
    ]);
  });

  it('incomes corrected from December: the dearer contribution is the one due, the cheaper paid twice', () => {
    // December at Rp2,500,000 under the regency (Rp31,800) and Rp3,000,000 under the province (Rp36,800).
    expect(byNik()[CORRECTED]).toMatchObject({ months: ['2025-11', '2025-12'], premiumPaidTwice: 16_800 + 31_800 });
  });

  it('does not report a worker of one agreement, nor one who left the province the day before joining the regency', () => {
    const report = byNik();
    expect(report[PROVINCE_ONLY]).toBeUndefined();
    expect(report[WITHDRAWN_BEFORE]).toBeUndefined();
    expect(report[nik(600)]).toBeUndefined();
  });

  it('a death ending one enrolment early shortens the overlap to the month of death', () => {
    expect(byNik()[DIED]).toMatchObject({
      nik: DIED,
      agreements: [BANGKEP, SULTENG],
      months: ['2025-11'],
      premiumPaidTwice: 16_800,
    });
  });

  it('a withdrawal from 2025-11-20 still leaves November paid twice', () => {
    expect(byNik()[WITHDRAWN_MID_MONTH]).toMatchObject({ months: ['2025-11'], premiumPaidTwice: 16_800 });
  });

  it('finds the overlap whichever agreement enrolled the worker first, across provinces too', () => {
    expect(byNik()[CITY_FIRST]).toMatchObject({
      nik: CITY_FIRST,
      agreements: [PALU, SULTENG],
      months: ['2025-10', '2025-11', '2025-12'],
      premiumPaidTwice: 50_400,
    });
    expect(byNik()[TWO_PROVINCES]).toMatchObject({
      nik: TWO_PROVINCES,
      agreements: [LUTIM, SULTENG],
      months: ['2025-10', '2025-11', '2025-12'],
      premiumPaidTwice: 50_400,
    });
  });

  it('totals the whole report', () => {
    const report = doubleFunding(models.db);
    expect(report.items).toHaveLength(7);
    expect(report.totals).toEqual({
      count: 7,
      premiumPaidTwice: 33_600 + 16_800 + 16_800 + 50_400 + 50_400 + 84_000 + 48_600,
    });
  });

  it('by region: the workers of whom one agreement belongs to it (prefix match), with totals', () => {
    expect(Object.keys(byNik('72')).sort()).toEqual(
      [BOTH, DIED, CITY_FIRST, TWO_PROVINCES, WITHDRAWN_MID_MONTH, THREE, CORRECTED].sort(),
    );
    expect(Object.keys(byNik('72.01')).sort()).toEqual([BOTH, DIED, WITHDRAWN_MID_MONTH, THREE, CORRECTED].sort());
    expect(doubleFunding(models.db, '72.71').totals).toEqual({ count: 2, premiumPaidTwice: 50_400 + 84_000 });
    expect(doubleFunding(models.db, '73').totals).toEqual({ count: 1, premiumPaidTwice: 50_400 });
    expect(Object.keys(byNik('73'))).toEqual([TWO_PROVINCES]);
    expect(Object.keys(byNik('72.0'))).toEqual([]);
    expect(Object.keys(byNik('53'))).toEqual([]);
  });

  it('pages a region by worker, in NIK order, each worker once however many of its agreements the region holds', () => {
    // Province 72 holds three agreements of THREE and two of most others: a page counts workers, not enrolments.
    const all = [BOTH, DIED, CITY_FIRST, TWO_PROVINCES, WITHDRAWN_MID_MONTH, THREE, CORRECTED].sort();
    const page = (offset: number) => doubleFunding(models.db, '72', { limit: 3, offset }).items.map((item) => item.nik);
    expect([page(0), page(3), page(6)]).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6)]);
    expect(doubleFunding(models.db, '72', { limit: 3, offset: 6 }).page.returned).toBe(1);
  });

  it("both enrolments stand: the overlap changes neither agreement's coverage", () => {
    const november = { from: '2025-11-01', to: '2025-11-30', interval: 'month' as const };
    const covered = (id: string) => agreementCoverage(models.db, id, november)?.series[0].coveredMembers;
    expect(Object.fromEntries([BANGKEP, LUTIM, PALU, SULTENG].map((id) => [id, covered(id)]))).toEqual({
      [BANGKEP]: 6 + 20,
      [LUTIM]: 1,
      [PALU]: 2,
      [SULTENG]: 9 - 1, // WITHDRAWN_BEFORE left on 2025-10-31
    });
  });

  // The API answers the page as SQLite writes it from the stored JSON: byte for byte the answer that writing out
  // the items parsed one by one gives (the exports' path), naming the workers the access log records.
  it('writes a page as JSON equal to the parsed items written out, naming its workers in order', () => {
    const cases = [
      { region: undefined, page: { limit: 100, offset: 0 }, from: 0, to: 100 },
      { region: '72', page: { limit: 3, offset: 3 }, from: 3, to: 6 },
    ];
    for (const { region, page, from, to } of cases) {
      const items = [...doubleFundingItems((query) => query(models.db), region)].slice(from, to);
      const totals = doubleFunding(models.db, region).totals;
      const answer = doubleFundingJson(models.db, region, page);
      expect(answer.json.toString()).toBe(JSON.stringify({ items, totals, page: { ...page, returned: items.length } }));
      expect(answer.niks).toEqual(items.map((item) => item.nik));
    }
  });

  it('fails the query, not the answer, when a stored column is not JSON', async () => {
    const damaged = await new LedgerBuilder().readModels();
    damaged.db
      .prepare(
        `INSERT INTO rm_agreements_double_funding (nik, agreements, months, by_month, premium)
        VALUES (?, '["pks-a",', '[]', '[]', 0)`,
      )
      .run(nik(900));
    expect(() => doubleFundingJson(damaged.db)).toThrow(/malformed JSON/);
    await damaged.close();
  });

  // Stored lists go into the answer as they are only when they are JSON of RFC 8259 in columns of their types;
  // anything else is written by json_object and json(), which fail the query on what is not JSON.
  it('writes out what a hand stored that is not plain JSON text, or fails the query, never answering it as is', async () => {
    const damaged = await new LedgerBuilder().readModels();
    const insert = damaged.db.prepare(
      `INSERT INTO rm_agreements_double_funding (nik, agreements, months, by_month, premium)
        VALUES (@nik, @agreements, '["2025-01"]', '[]', @premium)`,
    );
    // JSON5 (a trailing comma), a list stored as a blob of JSON text, a premium stored as text.
    insert.run({ nik: nik(901), agreements: '["pks-a","pks-b",]', premium: 1 });
    insert.run({ nik: nik(902), agreements: Buffer.from('["pks-c"]'), premium: 2 });
    insert.run({ nik: nik(903), agreements: '["pks-d"]', premium: '3 rupiah' });
    const answer = doubleFundingJson(damaged.db);
    expect(JSON.parse(answer.json.toString())).toMatchObject({
      items: [
        { nik: nik(901), agreements: ['pks-a', 'pks-b'], months: ['2025-01'], byMonth: [], premiumPaidTwice: 1 },
        { nik: nik(902), agreements: ['pks-c'], premiumPaidTwice: 2 },
        { nik: nik(903), agreements: ['pks-d'], premiumPaidTwice: '3 rupiah' },
      ],
      page: { limit: 100, offset: 0, returned: 3 },
    });
    // Text that is not UTF-8 (a byte 0xFF inside a NIK's agreement) never reaches an answer.
    damaged.db
      .prepare(
        `INSERT INTO rm_agreements_double_funding (nik, agreements, months, by_month, premium)
          VALUES (?, CAST(x'5B22FF225D' AS TEXT), '[]', '[]', 0)`,
      )
      .run(nik(904));
    expect(() => doubleFundingJson(damaged.db)).toThrow(/not UTF-8/);
    await damaged.close();
  });

  it('answers a page past the last worker with no items, the totals of every worker and returned 0', () => {
    const all = doubleFunding(models.db);
    const answer = doubleFundingJson(models.db, undefined, { limit: 10, offset: 1_000 });
    expect(JSON.parse(answer.json.toString())).toEqual({
      items: [],
      totals: all.totals,
      page: { limit: 10, offset: 1_000, returned: 0 },
    });
    expect(answer.niks).toEqual([]);
    expect(doubleFundingJson(models.db, '19', { limit: 10, offset: 0 }).value().items).toEqual([]);
  });
});
