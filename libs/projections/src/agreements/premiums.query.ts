import type Database from 'better-sqlite3';
import { premiumBalance } from '@pks/domain';
import { perDatabase } from '../per-database';

interface PaymentRow {
  paymentId: string;
  amount: number;
  paidOn: string;
  reference: string;
}

const statements = perDatabase((db) => ({
  budget: db
    .prepare(`SELECT budget FROM rm_agreements_periods WHERE agreement_id = ? ORDER BY position DESC LIMIT 1`)
    .pluck(),
  months: db.prepare(`SELECT month, covered AS personMonths, expected FROM rm_agreements_month
    WHERE agreement_id = ? ORDER BY month`),
  payments: db.prepare(`SELECT payment_id AS paymentId, amount, paid_on AS paidOn, reference
    FROM rm_agreements_payments WHERE agreement_id = ? ORDER BY paid_on, position`),
}));

/** API.md "premiums": rule 8's reconciliation of one agreement, month by month. Null when it does not exist. */
export function agreementPremiums(db: Database.Database, agreementId: string) {
  const sql = statements(db);
  const budget = sql.budget.get(agreementId) as number | undefined;
  if (budget === undefined) return null;
  const months = sql.months.all(agreementId) as { month: string; personMonths: number; expected: number }[];
  const payments = sql.payments.all(agreementId) as PaymentRow[];
  const expected = months.reduce((sum, m) => sum + m.expected, 0);
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  return { agreementId, budget, months, expected, paid, ...premiumBalance(expected, paid), payments };
}
