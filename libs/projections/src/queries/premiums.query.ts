import type { ReadModels } from '../read-models';

interface PaymentRow {
  paymentId: string;
  amount: number;
  paidOn: string;
  reference: string;
}

/** API.md "premiums": rule 8's reconciliation of one agreement, month by month. Null when it does not exist. */
export function agreementPremiums(models: ReadModels, agreementId: string) {
  const agreement = models.db.prepare('SELECT budget FROM rm_agreements WHERE agreement_id = ?').get(agreementId) as
    { budget: number } | undefined;
  if (agreement === undefined) return null;
  const months = models.db
    .prepare(
      `SELECT month, covered AS personMonths, expected FROM rm_coverage_month
    WHERE agreement_id = ? ORDER BY month`,
    )
    .all(agreementId) as { month: string; personMonths: number; expected: number }[];
  const payments = models.db
    .prepare(
      `SELECT payment_id AS paymentId, amount, paid_on AS paidOn, reference
    FROM rm_payments WHERE agreement_id = ? ORDER BY paid_on, position`,
    )
    .all(agreementId) as PaymentRow[];
  const expected = months.reduce((sum, m) => sum + m.expected, 0);
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  return {
    agreementId,
    budget: agreement.budget,
    months,
    expected,
    paid,
    outstanding: Math.max(0, expected - paid),
    refundable: Math.max(0, paid - expected),
    payments,
  };
}
