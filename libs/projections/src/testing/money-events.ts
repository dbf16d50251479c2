import type { AgreementEvent, CalendarDate, CalendarMonth } from '@pks/domain';

/** Events of rules 8 and 13 as facts of a history: reversals and corrections. Not part of the public API. */

export function paymentReversed(paymentId: string, amount: number, reversedOn: CalendarDate): AgreementEvent {
  return { type: 'PremiumPaymentReversed', data: { paymentId, amount, reversedOn, reason: 'SP2D dibatalkan' } };
}

export function incomeCorrected(nik: string, declaredIncome: number, fromMonth: CalendarMonth): AgreementEvent {
  return { type: 'MemberCorrected', data: { nik, income: { declaredIncome, fromMonth }, reason: 'data desa' } };
}

export function recordCorrected(
  nik: string,
  fields: { name?: string; occupation?: string; villageCode?: string },
): AgreementEvent {
  return { type: 'MemberCorrected', data: { nik, ...fields, reason: 'data desa' } };
}
