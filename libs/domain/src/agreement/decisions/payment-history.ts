import type { AgreementEvent } from '../agreement.events';

/**
 * The events the decisions on premium payments read (rule 8: RecordPremiumPayment, ReversePremiumPayment): the
 * agreement signed and terminated, its payments and their reversals. Folded alone they give a state whose
 * status, signing date and payments are those of the whole history; its members, cohorts, coverage and benefits
 * stay empty, and neither decision reads them. So a payment on an agreement of 100,000 members is decided
 * without reading its enrolments.
 */
export const PAYMENT_DECISION_EVENTS: readonly AgreementEvent['type'][] = [
  'AgreementSigned',
  'AgreementTerminated',
  'PremiumPaymentRecorded',
  'PremiumPaymentReversed',
];
