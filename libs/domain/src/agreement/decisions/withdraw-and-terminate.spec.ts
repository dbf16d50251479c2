import type { PayDeathBenefit, TerminateAgreement, WithdrawMember } from '../agreement.commands';
import type { AgreementEvent } from '../agreement.events';
import { memberWindow } from '../coverage';
import { given, members, naturalDeathPaid, nik, signedState, sumbaFullyEnrolled } from '../../testing/fixtures';

const withdraw = (memberNik: string, effectiveDate: string): WithdrawMember => ({
  type: 'WithdrawMember',
  data: { nik: memberNik, effectiveDate, reason: 'pindah ke luar daerah' },
});
const terminate = (effectiveDate: string): TerminateAgreement => ({
  type: 'TerminateAgreement',
  data: { effectiveDate, reason: 'refocusing anggaran' },
});
const payDeath = (memberNik: string, dateOfDeath: string): PayDeathBenefit => ({
  type: 'PayDeathBenefit',
  data: {
    claimId: `JKM/${memberNik}`,
    nik: memberNik,
    dateOfDeath,
    cause: 'natural',
    heir: { name: 'Maria', relationship: 'child' },
    paidOn: dateOfDeath,
  },
});
const withdrawn = (memberNik: string, effectiveDate: string): AgreementEvent => ({
  type: 'MemberWithdrawn',
  data: { nik: memberNik, effectiveDate, reason: 'pindah ke luar daerah' },
});
const terminated = (effectiveDate: string): AgreementEvent => ({
  type: 'AgreementTerminated',
  data: { effectiveDate, reason: 'refocusing anggaran' },
});

const sumba = sumbaFullyEnrolled();
const later = { today: '2026-01-15' };

describe('Rule 10: withdrawal of a member', () => {
  it('withdraws a member from a date', () => {
    given(sumba)
      .when(withdraw(nik(5), '2025-11-15'))
      .then([withdrawn(nik(5), '2025-11-15')]);
  });

  it('ends coverage the day before: a death on 14 November is covered, on 15 November it is not', () => {
    const history = [...sumba, withdrawn(nik(5), '2025-11-15')];
    const state = signedState(history);
    expect(memberWindow(state, state.members.get(nik(5))!)).toEqual({ from: '2025-10-01', to: '2025-11-14' });
    given(history)
      .when(payDeath(nik(5), '2025-11-14'), later)
      .then([expect.anything()]);
    given(history)
      .when(payDeath(nik(5), '2025-11-15'), later)
      .thenThrows('NOT_COVERED');
  });

  it('refuses to withdraw a member whose death benefit was paid: it would reach back past the death', () => {
    given([...sumba, naturalDeathPaid(nik(5), '2025-11-05', 'JKM-5')])
      .when(withdraw(nik(5), '2025-11-01'))
      .thenThrows('INVALID_PERIOD', { dateOfDeath: '2025-11-05', claimId: 'JKM-5' });
  });

  it('refuses a withdrawal outside the coverage of the member', () => {
    given(sumba)
      .when(withdraw(nik(5), '2025-09-30'))
      .thenThrows('INVALID_PERIOD', {
        effectiveDate: '2025-09-30',
        coverage: { from: '2025-10-01', to: '2025-12-31' },
      });
    given(sumba)
      .when(withdraw(nik(5), '2026-01-01'))
      .thenThrows('INVALID_PERIOD');
  });

  it('refuses to withdraw a member twice', () => {
    given([...sumba, withdrawn(nik(5), '2025-12-01')])
      .when(withdraw(nik(5), '2025-11-01'))
      .thenThrows('MEMBER_ALREADY_WITHDRAWN', { effectiveDate: '2025-12-01' });
  });

  it('refuses to withdraw a NIK that is not a member', () => {
    given(sumba)
      .when(withdraw(nik(9_000), '2025-11-01'))
      .thenThrows('MEMBER_NOT_FOUND');
  });
});

describe('Rule 10: termination of the agreement', () => {
  it('terminates from a date within the period', () => {
    given(sumba)
      .when(terminate('2025-12-01'))
      .then([terminated('2025-12-01')]);
  });

  it('ends every coverage the day before', () => {
    const state = signedState([...sumba, terminated('2025-12-01')]);
    expect(memberWindow(state, state.members.get(nik(100))!)).toEqual({ from: '2025-10-01', to: '2025-11-30' });
  });

  it('keeps a death that happened while covered payable after the termination', () => {
    given([...sumba, terminated('2025-12-01')])
      .when(payDeath(nik(100), '2025-11-30'), later)
      .then([expect.objectContaining({ data: expect.objectContaining({ nik: nik(100), dateOfDeath: '2025-11-30' }) })]);
  });

  it('does not pay a death after the termination took effect', () => {
    given([...sumba, terminated('2025-12-01')])
      .when(payDeath(nik(100), '2025-12-01'), later)
      .thenThrows('NOT_COVERED', { dateOfDeath: '2025-12-01', coverage: { from: '2025-10-01', to: '2025-11-30' } });
  });

  it('may not reach back past a paid death benefit: the day of the death is too early, the day after is not', () => {
    const history = [...sumba, naturalDeathPaid(nik(3), '2025-10-20'), naturalDeathPaid(nik(4), '2025-11-05')];
    given(history)
      .when(terminate('2025-11-05'))
      .thenThrows('INVALID_PERIOD', { effectiveDate: '2025-11-05', latestPaidDeath: '2025-11-05' });
    given(history)
      .when(terminate('2025-11-06'))
      .then([terminated('2025-11-06')]);
  });

  it('refuses a termination outside the period', () => {
    given(sumba).when(terminate('2026-01-01')).thenThrows('INVALID_PERIOD');
    given(sumba).when(terminate('2025-09-30')).thenThrows('INVALID_PERIOD');
  });

  it('after termination no member can be enrolled', () => {
    given([...sumba, terminated('2025-12-01')])
      .when({ type: 'EnrollCohort', data: { cohortId: 'baru', name: 'Baru', members: members(1, 6_000) } })
      .thenThrows('AGREEMENT_TERMINATED', { effectiveDate: '2025-12-01' });
  });

  it('after termination the period cannot be extended', () => {
    given([...sumba, terminated('2025-12-01')])
      .when({
        type: 'ExtendPeriod',
        data: { newEnd: '2026-03-31', additionalBudget: 500_000_000, reference: 'APBD 2026' },
      })
      .thenThrows('AGREEMENT_TERMINATED');
  });

  it('cannot be terminated twice', () => {
    given([...sumba, terminated('2025-12-01')])
      .when(terminate('2025-11-01'))
      .thenThrows('AGREEMENT_TERMINATED');
  });
});
