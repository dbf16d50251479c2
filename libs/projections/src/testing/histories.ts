import type { EventStore } from '@pks/event-store';
import {
  cohortBatchEnrolled,
  cohortEnrolled,
  members,
  naturalDeathPaid,
  nik,
  sumbaFullyEnrolled,
} from '@pks/domain/testing/fixtures';
import {
  BANGGAI_KEPULAUAN,
  memberDied,
  KOTA_PALU,
  LedgerBuilder,
  LUWU_TIMUR,
  SULAWESI_TENGAH,
  SUMBA_BARAT_DAYA,
  paidOn,
  periodExtended,
  premiumPaid,
  signed,
  terminated,
  withdrawn,
  workAccidentDeathPaid,
} from './ledger-builder';
import { incomeCorrected, paymentReversed, recordCorrected } from './money-events';

/** Histories shared by the runner, idempotency and rebuild tests. Not part of the public API. */

/** Every agreement event type, several agreements, recorded on different days. */
export async function mixedHistory(ledger: LedgerBuilder = new LedgerBuilder()): Promise<LedgerBuilder> {
  const day = (d: string) => `${d}T03:00:00.000Z`;
  await ledger.record(SUMBA_BARAT_DAYA.agreementId, sumbaFullyEnrolled(), day('2025-10-28'));
  await ledger.record(
    SUMBA_BARAT_DAYA.agreementId,
    [
      premiumPaid('sp2d-001', 282_240_000, '2025-11-03'),
      naturalDeathPaid(nik(7), '2025-10-20'),
      withdrawn(nik(8), '2025-12-01'),
    ],
    day('2025-11-05'),
  );
  await ledger.record(
    SULAWESI_TENGAH.agreementId,
    [
      signed(SULAWESI_TENGAH),
      cohortEnrolled('petani', 'Petani Sulteng', members(40, 10_000), '2025-10-01'),
      cohortBatchEnrolled('petani', 2, members(10, 10_040), '2025-10-31'),
    ],
    day('2025-10-02'),
  );
  await ledger.record(
    BANGGAI_KEPULAUAN.agreementId,
    [
      signed(BANGGAI_KEPULAUAN),
      // nik(10_045..10_049) are also covered by the province: double funding.
      cohortEnrolled('nelayan', 'Nelayan Bangkep', members(20, 10_045), '2025-11-01'),
      workAccidentDeathPaid(nik(10_046), '2025-11-20', '2025-11-25'),
    ],
    day('2025-11-02'),
  );
  // The same worker was covered by the province too: the death ends that coverage as well.
  await ledger.record(
    SULAWESI_TENGAH.agreementId,
    [memberDied(nik(10_046), '2025-11-20', BANGGAI_KEPULAUAN.agreementId)],
    day('2025-11-26'),
  );
  // Extended twice: the period changes twice. (Extended then terminated: see projection-idempotency.spec.ts.)
  await ledger.record(
    KOTA_PALU.agreementId,
    [
      signed(KOTA_PALU),
      cohortEnrolled('linmas', 'Linmas Palu', members(6, 20_000), '2025-10-01'),
      periodExtended('2025-12-31', '2026-03-31', KOTA_PALU.funding.budget),
    ],
    day('2025-10-15'),
  );
  await ledger.record(
    KOTA_PALU.agreementId,
    [periodExtended('2026-03-31', '2026-06-30', KOTA_PALU.funding.budget)],
    day('2025-12-20'),
  );
  await ledger.record(
    LUWU_TIMUR.agreementId,
    [
      signed(LUWU_TIMUR),
      cohortEnrolled('nelayan', 'Nelayan Luwu Timur', members(10, 30_000), '2025-01-01'),
      paidOn(naturalDeathPaid(nik(30_000), '2025-03-10'), '2025-03-20'),
      premiumPaid('sp2d-lt', 2_016_000, '2025-02-01'),
    ],
    day('2025-03-21'),
  );
  // A fisher's income corrected from June, another's name; a second SP2D paid, then cancelled.
  await ledger.record(
    LUWU_TIMUR.agreementId,
    [
      incomeCorrected(nik(30_001), 2_500_000, '2025-06'),
      recordCorrected(nik(30_002), { name: 'Andi Baso', villageCode: '73.24.05.2003' }),
      premiumPaid('sp2d-lt-2', 1_000_000, '2025-06-30'),
      paymentReversed('sp2d-lt-2', 1_000_000, '2025-07-01'),
    ],
    day('2025-07-01'),
  );
  await ledger.record(LUWU_TIMUR.agreementId, [terminated('2025-12-01')], day('2025-11-25'));
  return ledger;
}

/**
 * More than `events` events, so that the runner needs several batches of 1,000: agreements signed, then many
 * small enrolment batches, payments, withdrawals and deaths interleaved across agreements.
 */
export async function longHistory(events = 2_600): Promise<LedgerBuilder> {
  const ledger = await mixedHistory();
  const agreements = [
    { ...KOTA_PALU, cohortId: 'linmas' },
    { ...SULAWESI_TENGAH, cohortId: 'petani' },
    { ...BANGGAI_KEPULAUAN, cohortId: 'nelayan' },
  ];
  const batches = new Map([
    [KOTA_PALU.agreementId, 1],
    [SULAWESI_TENGAH.agreementId, 2],
    [BANGGAI_KEPULAUAN.agreementId, 1],
  ]);
  let next = 100_000;
  for (let i = 0; (await ledger.store.headPosition()) < events; i++) {
    const agreement = agreements[i % agreements.length];
    const start = agreement.coverage.start;
    const batch = members(2, next);
    const number = batches.get(agreement.agreementId)! + 1;
    batches.set(agreement.agreementId, number);
    const at = new Date(Date.parse('2025-12-21T00:00:00.000Z') + i * 60_000).toISOString();
    await ledger.record(agreement.agreementId, [cohortBatchEnrolled(agreement.cohortId, number, batch, start)], at);
    if (i % 10 === 0) await ledger.record(agreement.agreementId, [withdrawn(batch[0].nik, '2025-12-01')], at);
    if (i % 25 === 0) await ledger.record(agreement.agreementId, [naturalDeathPaid(batch[1].nik, '2025-11-15')], at);
    if (i % 7 === 0) await ledger.record(agreement.agreementId, [premiumPaid(`sp2d-${i}`, 33_600, '2025-11-20')], at);
    next += 2;
  }
  return ledger;
}

/** Copies a history into `store` in position order, one append per run of events of the same stream. */
export async function copyHistory(from: EventStore, to: EventStore): Promise<void> {
  const events = await from.readAll({ after: 0, limit: (await from.headPosition()) + 1 });
  for (let i = 0; i < events.length;) {
    let end = i + 1;
    while (end < events.length && events[end].streamId === events[i].streamId) end += 1;
    const run = events.slice(i, end);
    const result = await to.append(
      run[0].streamId,
      run[0].version - 1,
      run.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
    );
    if (result.position !== run[run.length - 1].position) throw new Error(`copied to ${result.position}`);
    i = end;
  }
}
