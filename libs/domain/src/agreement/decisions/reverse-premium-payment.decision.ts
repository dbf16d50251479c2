import { DomainError, rejectIfInvalid } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import type { DecisionContext, ReversePremiumPayment } from '../agreement.commands';
import type { PremiumPaymentReversed } from '../agreement.events';
import type { AgreementState } from '../agreement.state';
import { requireNotInFuture, requireSigned } from './guards';
import { PAYMENT_ID_PATTERN } from './record-premium-payment.decision';

/**
 * Rule 8: a recorded payment is never edited. A cancelled SP2D is taken back by a reversal, dated on or after
 * the payment and not in the future; the payment and its reversal both stay in the history, and a reversal is
 * final (a payment made again is a new payment, with an id of its own).
 */
export function decideReversePremiumPayment(
  state: AgreementState,
  { data }: ReversePremiumPayment,
  { today }: DecisionContext,
): PremiumPaymentReversed[] {
  const agreement = requireSigned(state);
  const c = new FieldChecks();
  c.pattern(data.paymentId, PAYMENT_ID_PATTERN, 'paymentId', 'must be 1-100 letters, digits or . _ / -');
  c.date(data.reversedOn, 'reversedOn');
  c.text(data.reason, 'reason', 500);
  rejectIfInvalid(c.issues, 'ReversePremiumPayment');
  const payment = agreement.payments.get(data.paymentId);
  if (payment === undefined) {
    throw new DomainError('PAYMENT_NOT_FOUND', `no payment ${data.paymentId} is recorded for this agreement`);
  }
  if (payment.reversal !== undefined) {
    throw new DomainError(
      'PAYMENT_REVERSED',
      `payment ${data.paymentId} was reversed on ${payment.reversal.reversedOn}; a reversal is final`,
      { paymentId: data.paymentId, reversedOn: payment.reversal.reversedOn },
    );
  }
  requireNotInFuture(data.reversedOn, today, 'reversedOn');
  if (data.reversedOn < payment.paidOn) {
    throw new DomainError(
      'INVALID_DATE',
      `a payment made on ${payment.paidOn} cannot be reversed on ${data.reversedOn}, before it was made`,
      { reversedOn: data.reversedOn, paidOn: payment.paidOn },
    );
  }
  return [
    {
      type: 'PremiumPaymentReversed',
      data: { paymentId: data.paymentId, amount: payment.amount, reversedOn: data.reversedOn, reason: data.reason },
    },
  ];
}
