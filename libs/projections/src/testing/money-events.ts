import type { AgreementEvent, CalendarDate, CalendarMonth } from '@pks/domain';
import type { NewEvent } from '@pks/event-store';

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

/**
 * A payment as a store append, written straight to the store as another writer would (another instance of the
 * service, a test's own load): no command, no in-process notification.
 */
export function paymentAppended(
  eventId: string,
  paymentId: string,
  { amount = 16_800, paidOn = '2025-12-01', actor = 'operator@disnaker', recordedAt = '2025-12-01T03:00:00.000Z' } = {},
): NewEvent {
  return {
    eventId,
    type: 'PremiumPaymentRecorded',
    data: { paymentId, amount, paidOn, reference: `SP2D ${paymentId}` },
    metadata: {
      recordedAt,
      actor,
      commandId: `cmd-${eventId}`,
      correlationId: `corr-${eventId}`,
      causationId: `cmd-${eventId}`,
      schemaVersion: 1,
    },
  };
}
