import { DomainError, rejectIfInvalid } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import type { DecisionContext, RecordPremiumPayment } from '../agreement.commands';
import type { PremiumPaymentRecorded } from '../agreement.events';
import type { AgreementState } from '../agreement.state';
import { requireNotInFuture, requireSigned } from './guards';

export const PAYMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

/**
 * Rule 8: the Pemda's payments are recorded against the agreement, also after a termination (arrears), never
 * dated before the agreement was signed (no SP2D can pay a PKS that did not exist yet).
 */
export function decideRecordPremiumPayment(
  state: AgreementState,
  { data }: RecordPremiumPayment,
  { today }: DecisionContext,
): PremiumPaymentRecorded[] {
  const agreement = requireSigned(state);
  const c = new FieldChecks();
  c.pattern(data.paymentId, PAYMENT_ID_PATTERN, 'paymentId', 'must be 1-100 letters, digits or . _ / -');
  c.rupiah(data.amount, 'amount', 1);
  c.date(data.paidOn, 'paidOn');
  c.text(data.reference, 'reference');
  rejectIfInvalid(c.issues, 'RecordPremiumPayment');
  if (agreement.payments.has(data.paymentId)) {
    throw new DomainError('PAYMENT_EXISTS', `payment ${data.paymentId} is already recorded`);
  }
  requireNotInFuture(data.paidOn, today, 'paidOn');
  if (data.paidOn < agreement.signedOn) {
    throw new DomainError(
      'INVALID_DATE',
      `a payment cannot be dated ${data.paidOn}, before the agreement was signed on ${agreement.signedOn}`,
      { paidOn: data.paidOn, signedOn: agreement.signedOn },
    );
  }
  return [
    {
      type: 'PremiumPaymentRecorded',
      data: { paymentId: data.paymentId, amount: data.amount, paidOn: data.paidOn, reference: data.reference },
    },
  ];
}
