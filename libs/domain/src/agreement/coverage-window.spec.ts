import { nik } from '../testing/fixtures';
import type { AgreementEvent } from './agreement.events';
import {
  agreementLastCoveredDay,
  coverageExitOf,
  earliestExit,
  earliestExits,
  endsCoverageEarly,
  memberCoverageWindow,
  personMonthsOf,
  type CoverageExit,
} from './coverage-window';

/** Rule 2: where coverage ends, as every view of the ledger computes it. */

describe("an agreement's last covered day", () => {
  it('is its end while it runs, and its end as extended', () => {
    expect(agreementLastCoveredDay({ end: '2025-12-31' })).toBe('2025-12-31');
    expect(agreementLastCoveredDay({ end: '2026-03-31', terminationDate: null })).toBe('2026-03-31');
  });

  it('is the day before a termination takes effect: terminated from 2025-07-01, covered through 2025-06-30', () => {
    expect(agreementLastCoveredDay({ end: '2025-12-31', terminationDate: '2025-07-01' })).toBe('2025-06-30');
  });

  it('stays the end when the termination takes effect after it', () => {
    expect(agreementLastCoveredDay({ end: '2025-12-31', terminationDate: '2026-02-01' })).toBe('2025-12-31');
  });

  it('crosses a month and a leap day backwards: terminated from 2024-03-01, covered through 2024-02-29', () => {
    expect(agreementLastCoveredDay({ end: '2024-12-31', terminationDate: '2024-03-01' })).toBe('2024-02-29');
  });
});

describe('the early end an event records', () => {
  const withdrawn: AgreementEvent = {
    type: 'MemberWithdrawn',
    data: { nik: nik(1), effectiveDate: '2025-12-01', reason: 'pindah domisili' },
  };
  const died: AgreementEvent = {
    type: 'MemberDied',
    data: { nik: nik(2), dateOfDeath: '2025-11-20', benefitAgreementId: 'other', benefitClaimId: 'klaim-1' },
  };

  it('a withdrawal from 2025-12-01 leaves 2025-11-30 as the last covered day', () => {
    expect(coverageExitOf(withdrawn)).toEqual({ nik: nik(1), lastDay: '2025-11-30', reason: 'withdrawal' });
  });

  it('a death, paid here or under another agreement, covers the date of death itself', () => {
    expect(coverageExitOf(died)).toEqual({ nik: nik(2), lastDay: '2025-11-20', reason: 'death' });
  });

  it('a payment, an extension or a termination records no early end of a member', () => {
    const payment: AgreementEvent = {
      type: 'PremiumPaymentRecorded',
      data: { paymentId: 'sp2d-1', amount: 16_800, paidOn: '2025-11-03', reference: 'SP2D 1' },
    };
    const termination: AgreementEvent = {
      type: 'AgreementTerminated',
      data: { effectiveDate: '2025-12-01', reason: 'x' },
    };
    expect(coverageExitOf(payment)).toBeNull();
    expect(coverageExitOf(termination)).toBeNull();
  });
});

describe('the earliest exit of a member', () => {
  const exit = (lastDay: string, reason: CoverageExit['reason']): CoverageExit => ({ nik: nik(3), lastDay, reason });

  it('a later record that ends coverage earlier replaces the known exit', () => {
    expect(earliestExit(exit('2025-11-30', 'withdrawal'), exit('2025-11-10', 'death'))).toEqual(
      exit('2025-11-10', 'death'),
    );
  });

  it('a later record that ends coverage later changes nothing', () => {
    expect(earliestExit(exit('2025-11-10', 'death'), exit('2025-11-30', 'withdrawal'))).toEqual(
      exit('2025-11-10', 'death'),
    );
  });

  it('on the same day the first recorded stands: died on 2025-11-30, withdrawn from 2025-12-01 later', () => {
    expect(earliestExit(exit('2025-11-30', 'death'), exit('2025-11-30', 'withdrawal')).reason).toBe('death');
  });

  it('folds the exits of several members in recording order, each member on its own', () => {
    const folded = earliestExits([
      { nik: nik(1), lastDay: '2025-11-30' },
      { nik: nik(2), lastDay: '2025-10-20' },
      { nik: nik(1), lastDay: '2025-11-05' },
      { nik: nik(2), lastDay: '2025-12-31' },
    ]);
    expect(Object.fromEntries(folded)).toEqual({
      [nik(1)]: { nik: nik(1), lastDay: '2025-11-05' },
      [nik(2)]: { nik: nik(2), lastDay: '2025-10-20' },
    });
  });
});

describe("a member's coverage window", () => {
  it('runs from the batch effective date to the agreement last covered day', () => {
    expect(memberCoverageWindow('2025-10-31', '2025-12-31')).toEqual({ from: '2025-10-31', to: '2025-12-31' });
  });

  it('ends on the exit when it comes first, and the exit then ends coverage early', () => {
    expect(memberCoverageWindow('2025-10-01', '2025-12-31', '2025-10-20')).toEqual({
      from: '2025-10-01',
      to: '2025-10-20',
    });
    expect(endsCoverageEarly('2025-10-20', '2025-12-31')).toBe(true);
  });

  it('an exit on or after the agreement last covered day ends nothing early', () => {
    expect(memberCoverageWindow('2025-10-01', '2025-11-30', '2025-11-30')).toEqual({
      from: '2025-10-01',
      to: '2025-11-30',
    });
    expect(endsCoverageEarly('2025-11-30', '2025-11-30')).toBe(false);
  });

  it('counts a person-month for every month with a covered day: 2025-10-31..2025-12-01 is three', () => {
    expect(personMonthsOf({ from: '2025-10-31', to: '2025-12-01' })).toBe(3);
  });

  it('counts no person-month for a member withdrawn from their first day', () => {
    expect(personMonthsOf(memberCoverageWindow('2025-11-01', '2025-12-31', '2025-10-31'))).toBe(0);
  });
});
