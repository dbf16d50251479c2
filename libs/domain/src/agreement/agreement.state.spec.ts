import type { AgreementEvent } from './agreement.events';
import { evolve, foldAgreement, foldEvents, initialAgreementState } from './agreement.state';
import { expectedPremium } from './coverage';
import {
  cohortBatchEnrolled,
  members,
  naturalDeathPaid,
  nik,
  signedState,
  sumbaFullyEnrolled,
} from '../testing/fixtures';

describe('evolve: folding events into agreement state', () => {
  it('ignores events before the signature', () => {
    const withdrawal: AgreementEvent = {
      type: 'MemberWithdrawn',
      data: { nik: nik(0), effectiveDate: '2025-11-01', reason: 'x' },
    };
    expect(evolve(initialAgreementState, withdrawal)).toBe(initialAgreementState);
  });

  it('never changes the previous state when a batch is folded', () => {
    const before = signedState(sumbaFullyEnrolled());
    const snapshot = {
      members: before.members.size,
      groups: new Map(before.coverageGroups),
      cohort: before.cohorts.get('pekerja-rentan'),
    };
    const after = evolve(before, cohortBatchEnrolled('pekerja-rentan', 3, members(10, 5_600), '2025-11-01'));
    if (after.status === 'none') throw new Error('unreachable');
    expect(after.members.size).toBe(5_610);
    expect(after.cohorts.get('pekerja-rentan')).toEqual({
      cohortId: 'pekerja-rentan',
      name: 'Pekerja Rentan Sumba Barat Daya',
      members: 5_610,
      batches: 3,
    });
    expect(before.members.size).toBe(snapshot.members);
    expect(before.members.has(nik(5_600))).toBe(false);
    expect(before.coverageGroups).toEqual(snapshot.groups);
    expect(before.cohorts.get('pekerja-rentan')).toEqual(snapshot.cohort);
    expect(expectedPremium(before)).toBe(282_240_000);
  });

  it('never changes the previous state when a death, a payment, a withdrawal or a termination is folded', () => {
    const before = signedState(sumbaFullyEnrolled());
    const events: AgreementEvent[] = [
      naturalDeathPaid(nik(1), '2025-10-10'),
      {
        type: 'PremiumPaymentRecorded',
        data: { paymentId: 'sp2d-1', amount: 1_000, paidOn: '2025-11-01', reference: 'SP2D' },
      },
      { type: 'MemberWithdrawn', data: { nik: nik(2), effectiveDate: '2025-11-01', reason: 'x' } },
      {
        type: 'PeriodExtended',
        data: {
          previousEnd: '2025-12-31',
          newEnd: '2026-01-31',
          additionalBudget: 1,
          budget: 282_240_001,
          reference: 'x',
        },
      },
      { type: 'AgreementTerminated', data: { effectiveDate: '2025-12-01', reason: 'x' } },
    ];
    const after = foldAgreement(events, before);
    expect(after).toMatchObject({
      status: 'terminated',
      end: '2026-01-31',
      paidPremium: 1_000,
      benefitsTotal: 42_000_000,
    });
    expect(before).toMatchObject({
      status: 'active',
      end: '2025-12-31',
      budget: 282_240_000,
      paidPremium: 0,
      benefitsTotal: 0,
    });
    expect([
      before.benefits.size,
      before.claimIds.size,
      before.payments.size,
      before.withdrawals.size,
      before.earlyExits.size,
    ]).toEqual([0, 0, 0, 0, 0]);
    expect(expectedPremium(before)).toBe(282_240_000);
  });

  it('keeps the earliest end of a member who was withdrawn and then died before the withdrawal took effect', () => {
    const state = signedState([
      ...sumbaFullyEnrolled(),
      { type: 'MemberWithdrawn', data: { nik: nik(1), effectiveDate: '2025-12-01', reason: 'x' } },
      naturalDeathPaid(nik(1), '2025-10-10'),
    ]);
    expect(state.earlyExits.get(nik(1))).toBe('2025-10-10');
    expect(expectedPremium(state)).toBe(282_240_000 - 2 * 16_800);
  });

  it('a later exit does not move an earlier one', () => {
    const exits = signedState([
      ...sumbaFullyEnrolled(),
      naturalDeathPaid(nik(1), '2025-10-10'),
      { type: 'MemberWithdrawn', data: { nik: nik(1), effectiveDate: '2025-12-01', reason: 'recorded late' } },
    ]).earlyExits;
    expect(exits.get(nik(1))).toBe('2025-10-10');
  });
});

describe('foldEvents: the events of a decision folded once', () => {
  const before = signedState(sumbaFullyEnrolled());
  const batch = () => [cohortBatchEnrolled('pekerja-rentan', 3, members(10, 5_600), '2025-11-01')];

  it('gives what folding the events one by one gives', () => {
    const events = batch();
    expect(foldEvents(before, events)).toEqual(foldAgreement(events, before));
  });

  it('folds a list once per state: the handler caching the state its decision priced gets that very state', () => {
    const events = batch();
    const priced = foldEvents(before, events);
    expect(foldEvents(before, events)).toBe(priced);
    // The same events onto another state, or another list of them, are folded anew.
    const other = signedState(sumbaFullyEnrolled().slice(0, 1));
    expect(foldEvents(other, events)).not.toBe(priced);
    expect(foldEvents(other, events)).toEqual(foldAgreement(events, other));
    expect(foldEvents(before, [...events])).not.toBe(priced);
    expect(foldEvents(before, [...events])).toEqual(priced);
  });
});
