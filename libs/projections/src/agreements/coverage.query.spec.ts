import { cohortBatchEnrolled, cohortEnrolled, members, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import { agreementCoverage, type CoverageRequest } from '.';
import type { ReadModels } from '../read-models';
import {
  KOTA_PALU,
  LedgerBuilder,
  LUWU_TIMUR,
  SUMBA_BARAT_DAYA,
  periodExtended,
  signed,
  terminated,
  withdrawn,
} from '../testing/ledger-builder';

/** Rules 2 and 5: who is covered on each day, and person-months per calendar month, per agreement. */

function series(models: ReadModels, agreementId: string, request: CoverageRequest): Record<string, number> {
  const answer = agreementCoverage(models.db, agreementId, request);
  if (answer === null) throw new Error(`no coverage for ${agreementId}`);
  return Object.fromEntries(answer.series.map((p) => [p.period, p.coveredMembers]));
}

const months = (from: string, to: string): CoverageRequest => ({ from, to, interval: 'month' });
const days = (from: string, to: string): CoverageRequest => ({ from, to, interval: 'day' });

describe('coverage of one agreement by month and by day', () => {
  let models: ReadModels;
  const SUMBA = SUMBA_BARAT_DAYA.agreementId;
  const LUTIM = LUWU_TIMUR.agreementId;
  const PALU = KOTA_PALU.agreementId;

  beforeAll(async () => {
    const ledger = new LedgerBuilder();
    // Sumba Barat Daya, coverage 2025-10-01 to 2025-12-31.
    await ledger.record(SUMBA, [
      signed(SUMBA_BARAT_DAYA),
      cohortEnrolled('nelayan', 'Program Berkah Nelayan', members(10, 0), '2025-10-01'), // nik(0..9)
      cohortBatchEnrolled('nelayan', 2, members(5, 10), '2025-10-31'), // nik(10..14): October counts
      cohortBatchEnrolled('nelayan', 3, members(3, 15), '2025-11-15'), // nik(15..17)
      naturalDeathPaid(nik(0), '2025-11-10'), // covered through 2025-11-10
      withdrawn(nik(1), '2025-11-01'), // covered through 2025-10-31
      withdrawn(nik(10), '2025-10-31'), // withdrawn from its first day: never covered
    ]);
    // Luwu Timur, 2025-01-01 to 2025-12-31, terminated from 2025-07-01 after a death in March.
    await ledger.record(LUTIM, [
      signed(LUWU_TIMUR),
      cohortEnrolled('nelayan', 'Nelayan Luwu Timur', members(4, 20), '2025-01-01'),
      naturalDeathPaid(nik(20), '2025-03-15'),
      terminated('2025-07-01'),
    ]);
    // Kota Palu, 2025-10-01 to 2025-12-31, extended to 2026-03-31.
    await ledger.record(PALU, [
      signed(KOTA_PALU),
      cohortEnrolled('rt-rw', 'Ketua RT/RW', members(4, 30), '2025-10-01'),
      withdrawn(nik(30), '2025-12-01'), // last covered day 2025-11-30: does not continue
      naturalDeathPaid(nik(31), '2025-12-31'), // covered at the old end, but died on it: does not continue
      periodExtended('2025-12-31', '2026-03-31', KOTA_PALU.funding.budget),
    ]);
    models = await ledger.readModels();
  });

  afterAll(() => models.close());

  describe('effective dates, deaths and withdrawals (Sumba Barat Daya)', () => {
    it('counts a person-month for every month covered on at least one day', () => {
      expect(series(models, SUMBA, months('2025-09-01', '2026-01-31'))).toEqual({
        '2025-09': 0,
        // nik(0..9) + nik(11..14), whose batch took effect on 2025-10-31; nik(10) was never covered.
        '2025-10': 14,
        // nik(0) died on 2025-11-10 and counts; nik(1) was withdrawn from 2025-11-01 and does not.
        '2025-11': 1 + 8 + 4 + 3,
        '2025-12': 8 + 4 + 3,
        '2026-01': 0,
      });
    });

    it('a batch effective on 2025-10-31 is covered from that day, so October counts it', () => {
      expect(series(models, SUMBA, days('2025-09-30', '2025-11-01'))).toMatchObject({
        '2025-09-30': 0,
        '2025-10-01': 10,
        '2025-10-30': 10,
        '2025-10-31': 14,
        '2025-11-01': 13,
      });
    });

    it('a death is covered through the date of death, a withdrawal through the day before', () => {
      expect(series(models, SUMBA, days('2025-11-09', '2025-11-15'))).toEqual({
        '2025-11-09': 13,
        '2025-11-10': 13,
        '2025-11-11': 12,
        '2025-11-12': 12,
        '2025-11-13': 12,
        '2025-11-14': 12,
        '2025-11-15': 15,
      });
    });

    it('ends at the agreement end', () => {
      expect(series(models, SUMBA, days('2025-12-31', '2026-01-01'))).toEqual({ '2025-12-31': 15, '2026-01-01': 0 });
    });

    it('answers null for an agreement that does not exist', () => {
      expect(agreementCoverage(models.db, 'tidak-ada', months('2025-10-01', '2025-12-31'))).toBeNull();
    });

    it('gives personMonths equal to coveredMembers for a month', () => {
      const answer = agreementCoverage(models.db, SUMBA, months('2025-10-01', '2025-10-31'));
      expect(answer).toEqual({
        interval: 'month',
        series: [{ period: '2025-10', coveredMembers: 14, personMonths: 14 }],
      });
    });
  });

  describe('termination (Luwu Timur, terminated from 2025-07-01)', () => {
    it('covers nobody from the termination date', () => {
      expect(series(models, LUTIM, months('2025-01-01', '2025-08-31'))).toEqual({
        '2025-01': 4,
        '2025-02': 4,
        '2025-03': 4,
        '2025-04': 3,
        '2025-05': 3,
        '2025-06': 3,
        '2025-07': 0,
        '2025-08': 0,
      });
      expect(series(models, LUTIM, days('2025-06-30', '2025-07-01'))).toEqual({ '2025-06-30': 3, '2025-07-01': 0 });
    });

    it('keeps the death in March: covered through 2025-03-15', () => {
      expect(series(models, LUTIM, days('2025-03-15', '2025-03-16'))).toEqual({ '2025-03-15': 4, '2025-03-16': 3 });
    });
  });

  describe('extension (Kota Palu, 2025-12-31 extended to 2026-03-31)', () => {
    it('continues the members still covered at the old end, not the withdrawn or the dead', () => {
      expect(series(models, PALU, months('2025-10-01', '2026-04-30'))).toEqual({
        '2025-10': 4,
        '2025-11': 4,
        '2025-12': 3,
        '2026-01': 2,
        '2026-02': 2,
        '2026-03': 2,
        '2026-04': 0,
      });
      expect(series(models, PALU, days('2025-11-30', '2025-12-01'))).toEqual({ '2025-11-30': 4, '2025-12-01': 3 });
      expect(series(models, PALU, days('2025-12-31', '2026-01-01'))).toEqual({ '2025-12-31': 3, '2026-01-01': 2 });
      expect(series(models, PALU, days('2026-03-31', '2026-04-01'))).toEqual({ '2026-03-31': 2, '2026-04-01': 0 });
    });
  });

  describe('materialized series', () => {
    it('holds one row per covered month and the change points of the daily count, per agreement', () => {
      const rows = models.db
        .prepare(
          `SELECT agreement_id, COUNT(*) AS n FROM rm_agreements_month
        GROUP BY agreement_id ORDER BY agreement_id`,
        )
        .all();
      expect(rows).toEqual([
        { agreement_id: LUTIM, n: 6 },
        { agreement_id: PALU, n: 6 },
        { agreement_id: SUMBA, n: 3 },
      ]);
      const palu = models.db
        .prepare(
          `SELECT MIN(day) AS first, MAX(day) AS last, SUM(delta) AS net
        FROM rm_agreements_day_delta WHERE agreement_id = ?`,
        )
        .get(PALU);
      // Coverage starts on the first day, ends after the last covered day (2026-03-31): everyone who came, left.
      expect(palu).toEqual({ first: '2025-10-01', last: '2026-04-01', net: 0 });
    });
  });
});
