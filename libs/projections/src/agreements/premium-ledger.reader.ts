import type Database from 'better-sqlite3';
import { monthlyCoverage, type CalendarDate } from '@pks/domain';
import { perDatabase } from '../per-database';
import { coverageFactsOf } from './coverage-facts.reader';

/** A payment as the reconciliation lists it; `reversal` once a reversal is recorded (both stay listed). */
export interface PaymentItem {
  readonly paymentId: string;
  readonly amount: number;
  readonly paidOn: CalendarDate;
  readonly reference: string;
  readonly reversal?: { readonly reversedOn: CalendarDate; readonly reason: string };
}

/** What an agreement's premium reconciliation is made of: the months due, the budget and the payments. */
export interface PremiumLedger {
  readonly budget: number;
  readonly months: { month: string; personMonths: number; expected: number }[];
  readonly payments: PaymentItem[];
}

interface PaymentRow {
  paymentId: string;
  amount: number;
  paidOn: string;
  reference: string;
  reversedOn: string | null;
  reversalReason: string | null;
  reversalRecordedAt: string | null;
}

const LATEST = '9999';

const statements = perDatabase((db) => ({
  budgetAt: db.prepare(`SELECT budget FROM rm_agreements_periods WHERE agreement_id = ? AND recorded_at <= ?
    ORDER BY position DESC LIMIT 1`),
  months: db.prepare(`SELECT month, covered AS personMonths, expected FROM rm_agreements_month
    WHERE agreement_id = ? ORDER BY month`),
  paymentsAt: db.prepare(`SELECT payment_id AS paymentId, amount, paid_on AS paidOn, reference,
      reversed_on AS reversedOn, reversal_reason AS reversalReason, reversal_recorded_at AS reversalRecordedAt
    FROM rm_agreements_payments WHERE agreement_id = ? AND recorded_at <= ? ORDER BY paid_on, position`),
}));

/**
 * An agreement's months, budget and payments now, or as recorded up to `asKnownAt` (what the reconciliation said
 * then: later payments, reversals and coverage facts left out). Null when the agreement did not exist (yet).
 */
export function premiumLedgerOf(db: Database.Database, agreementId: string, asKnownAt?: string): PremiumLedger | null {
  const sql = statements(db);
  const knownAt = asKnownAt ?? LATEST;
  const budget = sql.budgetAt.pluck().get(agreementId, knownAt) as number | undefined;
  if (budget === undefined) return null;
  const payments = (sql.paymentsAt.all(agreementId, knownAt) as PaymentRow[]).map((row) => paymentItem(row, knownAt));
  return { budget, months: monthsOf(db, agreementId, asKnownAt), payments };
}

/** What was paid: every payment not reversed. */
export function paidOf(payments: readonly PaymentItem[]): number {
  return payments.reduce((sum, p) => (p.reversal === undefined ? sum + p.amount : sum), 0);
}

function monthsOf(db: Database.Database, agreementId: string, asKnownAt: string | undefined) {
  if (asKnownAt === undefined) return statements(db).months.all(agreementId) as PremiumLedger['months'];
  const facts = coverageFactsOf(db).facts(agreementId, asKnownAt);
  return facts === null
    ? []
    : monthlyCoverage(facts).map(({ month, coveredMembers, expected }) => ({
        month,
        personMonths: coveredMembers,
        expected,
      }));
}

function paymentItem(row: PaymentRow, knownAt: string): PaymentItem {
  const { paymentId, amount, paidOn, reference } = row;
  const reversed = row.reversedOn !== null && (row.reversalRecordedAt as string) <= knownAt;
  return {
    paymentId,
    amount,
    paidOn,
    reference,
    ...(reversed ? { reversal: { reversedOn: row.reversedOn as string, reason: row.reversalReason as string } } : {}),
  };
}
