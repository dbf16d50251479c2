import type Database from 'better-sqlite3';
import type { AgreementEvent } from '@pks/domain';
import { cohortEnrolled, members, naturalDeathPaid, nik } from '@pks/domain/testing/fixtures';
import type { RecordedEvent } from '@pks/event-store';
import { LIVE, type LoadMode } from '../read-model';
import { agreementsReadModel } from './agreements.read-model';
import { doubleFunding } from './double-funding.query';
import {
  BANGGAI_KEPULAUAN,
  KOTA_PALU,
  LedgerBuilder,
  LUWU_TIMUR,
  memberDied,
  periodExtended,
  signed,
  snapshot,
  SULAWESI_TENGAH,
  terminated,
  withdrawn,
} from '../testing/ledger-builder';
import { incomeCorrected } from '../testing/money-events';
import { applyInBatches, bindAlone, storedEvents } from '../testing/projection-specification';

/**
 * Rule 11's report kept current by the tracker, a few hundred workers a round: the same report whether the
 * history comes in one batch, one event per batch (every change recomputes the workers it touched) or as a
 * rebuild (every worker recomputed at the end), with workers who leave the report, a province whose last doubly
 * funded worker leaves it, and period changes of the agreements followed.
 */

const SULTENG = SULAWESI_TENGAH.agreementId; // 72, 2025-10-01..2025-12-31, extended below to 2026-01-31
const BANGKEP = BANGGAI_KEPULAUAN.agreementId; // 72.01, 2025-11-01..2026-01-31
const PALU = KOTA_PALU.agreementId; // 72.71, 2025-10-01..2025-12-31
const LUTIM = LUWU_TIMUR.agreementId; // 73.24, 2025-01-01..2025-12-31, terminated below from 2025-10-01

const range = (count: number, first: number) => members(count, first);
const each = (count: number, first: number, event: (n: string) => AgreementEvent) =>
  range(count, first).map((m) => event(m.nik));

/** 1,200 province workers, 700 of them also the regency's (more than a round of the tracker). */
async function history(): Promise<RecordedEvent[]> {
  const ledger = new LedgerBuilder();
  const at = (day: string) => `${day}T03:00:00.000Z`;
  await ledger.record(SULTENG, [signed(SULAWESI_TENGAH), cohortEnrolled('petani', 'Petani', range(1_200, 40_000))]);
  await ledger.record(BANGKEP, [
    signed(BANGGAI_KEPULAUAN),
    cohortEnrolled('nelayan', 'Nelayan', range(700, 40_000), '2025-11-01'),
  ]);
  // 50 of the regency's workers in a third agreement, of another province; 10 others in it and the province only.
  await ledger.record(LUTIM, [
    signed(LUWU_TIMUR),
    cohortEnrolled('nelayan', 'Nelayan', range(60, 40_650), '2025-01-01'),
  ]);
  await ledger.record(PALU, [signed(KOTA_PALU), cohortEnrolled('linmas', 'Linmas', range(5, 41_000))]);
  // Never covered by the regency after all: they leave the report.
  await ledger.record(
    BANGKEP,
    each(20, 40_000, (n) => withdrawn(n, '2025-11-01')),
    at('2025-11-05'),
  );
  await ledger.record(
    BANGKEP,
    each(10, 40_100, (n) => incomeCorrected(n, 600_000, '2025-12')),
    at('2025-11-06'),
  );
  await ledger.record(SULTENG, [naturalDeathPaid(nik(40_200), '2025-11-15')], at('2025-11-16'));
  await ledger.record(BANGKEP, [memberDied(nik(40_200), '2025-11-15', SULTENG)], at('2025-11-17'));
  await ledger.record(SULTENG, [periodExtended('2025-12-31', '2026-01-31', 1_000_000_000)], at('2025-11-20'));
  // Luwu Timur ends before the province's coverage starts: province 73 has no doubly funded worker left.
  await ledger.record(LUTIM, [terminated('2025-10-01')], at('2025-11-25'));
  await ledger.record(
    PALU,
    each(5, 41_000, (n) => withdrawn(n, '2025-10-01')),
    at('2025-11-26'),
  );
  return storedEvents(ledger);
}

const BULK: LoadMode = { bulk: true };

/** The report's rows, its kept totals, and the totals its rows add up to, after applying these batches. */
function reportAfter(batches: readonly (readonly RecordedEvent[])[], mode: LoadMode = LIVE) {
  const { db, projection } = bindAlone(agreementsReadModel, mode);
  try {
    applyInBatches(db, projection, batches);
    if (mode.bulk) db.transaction(() => projection.finishBulkLoad())();
    const rows = snapshot(db, 'rm_agreements_double_funding');
    return { rows, kept: keptTotals(db), summed: summedTotals(db), answer: answers(db) };
  } finally {
    db.close();
  }
}

function keptTotals(db: Database.Database): unknown[] {
  return db.prepare('SELECT scope, count, premium FROM rm_agreements_double_funding_totals ORDER BY scope').all();
}

/** The totals of the country ('' scope) and of each province, from the rows themselves. */
function summedTotals(db: Database.Database): unknown[] {
  return db
    .prepare(
      `SELECT '' AS scope, COUNT(*) AS count, SUM(premium) AS premium FROM rm_agreements_double_funding
       HAVING COUNT(*) > 0
       UNION ALL
       SELECT r.province, COUNT(*), SUM(d.premium) FROM rm_agreements_double_funding d
       JOIN (SELECT DISTINCT nik, province FROM rm_agreements_double_funding_regions) r ON r.nik = d.nik
       GROUP BY r.province ORDER BY scope`,
    )
    .all();
}

function answers(db: Database.Database) {
  const report = doubleFunding(db, undefined, { limit: 1_000, offset: 0 });
  const item = (index: number) => report.items.find((i) => i.nik === nik(index));
  return {
    totals: report.totals,
    province72: doubleFunding(db, '72').totals,
    province73: doubleFunding(db, '73').totals,
    palu: doubleFunding(db, '72.71').totals,
    plain: item(40_500),
    withdrawn: item(40_000),
    corrected: item(40_100),
    died: item(40_200),
    threeAgreements: item(40_650),
    otherProvinceOnly: item(40_700),
  };
}

describe('the double-funding report kept by rounds of workers', () => {
  let events: RecordedEvent[];
  let once: ReturnType<typeof reportAfter>;

  beforeAll(async () => {
    events = await history();
    once = reportAfter([events]);
  });

  it('reports the 680 workers the province and the regency both cover, and totals them once per province', () => {
    const { answer } = once;
    // November to January at Rp16,800 (one died in November; ten at Rp600,000 from December: Rp12,800).
    const premium = 669 * 3 * 16_800 + 10 * (16_800 + 2 * 12_800) + 16_800;
    expect(answer.totals).toEqual({ count: 680, premiumPaidTwice: premium });
    expect(answer.province72).toEqual({ count: 680, premiumPaidTwice: premium });
    expect(answer.province73).toEqual({ count: 0, premiumPaidTwice: 0 });
    expect(answer.palu).toEqual({ count: 0, premiumPaidTwice: 0 });
    expect(once.kept).toEqual(once.summed);
    expect(once.kept).toEqual([
      { scope: '', count: 680, premium },
      { scope: '72', count: 680, premium },
    ]);
  });

  it('follows the period changes, exits and corrections of the agreements a worker is in', () => {
    const { answer } = once;
    const months = ['2025-11', '2025-12', '2026-01'];
    expect(answer.plain).toMatchObject({ agreements: [BANGKEP, SULTENG], months, premiumPaidTwice: 50_400 });
    expect(answer.corrected).toMatchObject({ months, premiumPaidTwice: 16_800 + 12_800 * 2 });
    expect(answer.died).toMatchObject({ months: ['2025-11'], premiumPaidTwice: 16_800 });
    // Luwu Timur's coverage ended on 2025-09-30: it overlaps nothing any more, and is no longer named.
    expect(answer.threeAgreements).toMatchObject({ agreements: [BANGKEP, SULTENG], months });
    expect(answer.withdrawn).toBeUndefined();
    expect(answer.otherProvinceOnly).toBeUndefined();
  });

  it('ends with the same rows and totals applied one event per batch, each change on its own', () => {
    const oneByOne = reportAfter(events.map((event) => [event]));
    expect(oneByOne.kept).toEqual(oneByOne.summed);
    expect(oneByOne).toEqual(once);
  });

  it('takes province 73 out of the totals when Luwu Timur ends, in a batch after the report counted it', () => {
    const ended = events.findIndex((event) => event.type === 'AgreementTerminated');
    const before = reportAfter([events.slice(0, ended)]);
    // Before Luwu Timur ended: October to December in it and the province, its 10 + 50 workers in province 73.
    const quarter = ['2025-10', '2025-11', '2025-12'];
    expect(before.answer.otherProvinceOnly).toMatchObject({ agreements: [LUTIM, SULTENG], months: quarter });
    expect(before.answer.threeAgreements).toMatchObject({
      agreements: [BANGKEP, LUTIM, SULTENG],
      premiumPaidTwice: 100_800,
    });
    expect(before.kept).toEqual(before.summed);
    expect(before.kept).toContainEqual({ scope: '73', count: 60, premium: 10 * 50_400 + 50 * 100_800 });
    const after = reportAfter([events.slice(0, ended), events.slice(ended)]);
    expect(after).toEqual(once);
  });

  it('ends with the same rows and totals rebuilt in bulk, in one batch or one event per batch', () => {
    expect(reportAfter([events], BULK)).toEqual(once);
    expect(
      reportAfter(
        events.map((event) => [event]),
        BULK,
      ),
    ).toEqual(once);
  });
});
