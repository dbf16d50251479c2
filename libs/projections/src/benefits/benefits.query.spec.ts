import { cohortEnrolled, members, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import { benefitDisbursements, benefitDisbursementsJson, benefitItems, type BenefitsFilter } from '.';
import type { ReadModels } from '../read-models';
import {
  BANGGAI_KEPULAUAN,
  LedgerBuilder,
  LUWU_TIMUR,
  SULAWESI_TENGAH,
  paidOn,
  signed,
  workAccidentDeathPaid,
} from '../testing/ledger-builder';

/** Rule 9 and API.md "benefit disbursements": every benefit paid, filtered, with totals by program. */

const LUTIM = LUWU_TIMUR.agreementId;
const BANGKEP = BANGGAI_KEPULAUAN.agreementId;
const SULTENG = SULAWESI_TENGAH.agreementId;

describe('benefit disbursements', () => {
  let models: ReadModels;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    // Luwu Timur (73.24): the heirs of three fishers each received the JKM benefit of Rp42,000,000.
    await ledger.record(LUTIM, [
      signed(LUWU_TIMUR),
      cohortEnrolled('nelayan', 'Nelayan Luwu Timur', members(10, 300), '2025-01-01'),
      paidOn(naturalDeathPaid(nik(300), '2025-03-10'), '2025-03-20'),
      paidOn(naturalDeathPaid(nik(301), '2025-06-01'), '2025-06-05'),
      paidOn(naturalDeathPaid(nik(302), '2025-09-30'), '2025-10-02'),
    ]);
    // Sulawesi Tengah (72): one JKM death; Banggai Kepulauan (72.01): one work accident (JKK, Rp70,000,000).
    await ledger.record(SULTENG, [
      signed(SULAWESI_TENGAH),
      cohortEnrolled('petani', 'Petani Sulteng', members(5, 0), '2025-10-01'),
      paidOn(naturalDeathPaid(nik(0), '2025-10-15'), '2025-10-20'),
    ]);
    await ledger.record(BANGKEP, [
      signed(BANGGAI_KEPULAUAN),
      cohortEnrolled('nelayan', 'Nelayan Bangkep', members(5, 100), '2025-11-01'),
      workAccidentDeathPaid(nik(100), '2025-11-20', '2025-11-25'),
    ]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  const paidDates = (filter: BenefitsFilter) => benefitDisbursements(models.db, filter).items.map((i) => i.paidOn);

  it('lists every benefit in payment order, with totals by program', () => {
    const answer = benefitDisbursements(models.db, {});
    expect(answer.items.map((i) => i.paidOn)).toEqual([
      '2025-03-20',
      '2025-06-05',
      '2025-10-02',
      '2025-10-20',
      '2025-11-25',
    ]);
    expect(answer.totals).toEqual({
      count: 5,
      amount: 4 * 42_000_000 + 70_000_000,
      byProgram: { JKM: { count: 4, amount: 168_000_000 }, JKK: { count: 1, amount: 70_000_000 } },
    });
  });

  it('describes each disbursement: claim, agreement, region, NIK, dates, program, total, components', () => {
    const [jkk] = benefitDisbursements(models.db, { agreementId: BANGKEP }).items;
    expect(jkk).toEqual({
      claimId: `klaim-${nik(100)}`,
      agreementId: BANGKEP,
      regionCode: '72.01',
      nik: nik(100),
      dateOfDeath: '2025-11-20',
      paidOn: '2025-11-25',
      program: 'JKK',
      total: 70_000_000,
      components: { deathCompensation: 48_000_000, periodic: 12_000_000, funeral: 10_000_000 },
      scholarshipEligible: true,
    });
    const jkm = benefitDisbursements(models.db, { agreementId: SULTENG }).items[0];
    expect(jkm).toMatchObject({
      program: 'JKM',
      total: 42_000_000,
      components: { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
    });
  });

  it('filters by agreement: the three Luwu Timur fishers, Rp126,000,000 of JKM', () => {
    const answer = benefitDisbursements(models.db, { agreementId: LUTIM });
    expect(answer.items.map((i) => i.nik)).toEqual([nik(300), nik(301), nik(302)]);
    expect(answer.items.every((i) => i.total === 42_000_000 && i.regionCode === '73.24')).toBe(true);
    expect(answer.totals).toEqual({
      count: 3,
      amount: 126_000_000,
      byProgram: { JKM: { count: 3, amount: 126_000_000 }, JKK: { count: 0, amount: 0 } },
    });
  });

  it('filters by region prefix: 72 includes 72.01; 72.01 excludes 72; 72.0 matches nothing', () => {
    expect(benefitDisbursements(models.db, { regionCode: '72' }).totals).toEqual({
      count: 2,
      amount: 112_000_000,
      byProgram: { JKM: { count: 1, amount: 42_000_000 }, JKK: { count: 1, amount: 70_000_000 } },
    });
    expect(benefitDisbursements(models.db, { regionCode: '72.01' }).items.map((i) => i.agreementId)).toEqual([BANGKEP]);
    expect(benefitDisbursements(models.db, { regionCode: '72.0' }).totals.count).toBe(0);
    expect(benefitDisbursements(models.db, { regionCode: '73' }).totals.count).toBe(3);
    expect(benefitDisbursements(models.db, { regionCode: '7' }).totals.count).toBe(0);
  });

  it('filters by the date paid, both ends included', () => {
    expect(paidDates({ from: '2025-06-05', to: '2025-10-20' })).toEqual(['2025-06-05', '2025-10-02', '2025-10-20']);
    expect(paidDates({ from: '2025-10-03' })).toEqual(['2025-10-20', '2025-11-25']);
    expect(paidDates({ to: '2025-03-20' })).toEqual(['2025-03-20']);
    expect(paidDates({ from: '2025-12-01' })).toEqual([]);
  });

  it('filters by paid-on, not by date of death (died 2025-09-30, paid 2025-10-02)', () => {
    expect(
      benefitDisbursements(models.db, { agreementId: LUTIM, from: '2025-10-01', to: '2025-10-31' }).items.map(
        (i) => i.dateOfDeath,
      ),
    ).toEqual(['2025-09-30']);
  });

  it('combines the filters', () => {
    const answer = benefitDisbursements(models.db, { regionCode: '72', from: '2025-11-01', to: '2025-11-30' });
    expect(answer.totals).toEqual({
      count: 1,
      amount: 70_000_000,
      byProgram: { JKM: { count: 0, amount: 0 }, JKK: { count: 1, amount: 70_000_000 } },
    });
    expect(benefitDisbursements(models.db, { agreementId: LUTIM, regionCode: '72' }).items).toEqual([]);
  });

  it('writes each page as JSON that is the items of the export, the totals and the page, naming each NIK once', () => {
    const cases: { filter: BenefitsFilter; page: { limit: number; offset: number } }[] = [
      { filter: {}, page: { limit: 100, offset: 0 } },
      { filter: {}, page: { limit: 2, offset: 1 } },
      { filter: { regionCode: '72' }, page: { limit: 100, offset: 0 } },
      { filter: { agreementId: LUTIM, from: '2025-06-01' }, page: { limit: 1, offset: 1 } },
      { filter: { regionCode: '73', to: '2025-01-01' }, page: { limit: 100, offset: 0 } },
    ];
    for (const { filter, page } of cases) {
      const every = [...benefitItems((query) => query(models.db), filter)];
      const items = every.slice(page.offset, page.offset + page.limit);
      const answer = benefitDisbursementsJson(models.db, filter, page);
      const { totals } = benefitDisbursements(models.db, filter);
      expect(answer.json.toString()).toBe(JSON.stringify({ items, totals, page: { ...page, returned: items.length } }));
      expect(answer.niks).toEqual(items.map((item) => item.nik));
    }
    // Both flags: a JKK death leaves a scholarship, a JKM death of these workers none.
    const flags = benefitDisbursements(models.db, {}).items.map((item) => item.scholarshipEligible);
    expect(new Set(flags)).toEqual(new Set([true, false]));
  });

  it('fails the query, not the answer, when stored components are not JSON', async () => {
    const damaged = await new LedgerBuilder().readModels();
    damaged.db
      .prepare(
        `INSERT INTO rm_benefits (agreement_id, claim_id, nik, date_of_death, paid_on, cause, program, total,
          components, scholarship_eligible, position, region_code, province, branch_code)
        VALUES ('pks-a', 'klaim-1', ?, '2025-01-01', '2025-01-02', 'natural', 'JKM', 1, '{"lumpSum":', 0, 1,
          '72', '72', 'b')`,
      )
      .run(nik(900));
    expect(() => benefitDisbursementsJson(damaged.db, {})).toThrow(/malformed JSON/);
    await damaged.close();
  });
});
