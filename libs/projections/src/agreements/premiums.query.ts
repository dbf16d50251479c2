import type Database from 'better-sqlite3';
import { allocatePayments } from '@pks/domain';
import { paidOf, premiumLedgerOf } from './premium-ledger.reader';

export interface PremiumsRequest {
  /** The reconciliation as recorded up to this instant. */
  readonly asKnownAt?: string;
}

/**
 * API.md "premiums": rule 8's reconciliation of one agreement. Each month shows what was due, what the payments
 * (allocated earliest month first) paid of it and what is outstanding; payments are listed with their reversals.
 * Null when the agreement does not exist, or did not yet at `asKnownAt`.
 */
export function agreementPremiums(db: Database.Database, agreementId: string, request: PremiumsRequest = {}) {
  const ledger = premiumLedgerOf(db, agreementId, request.asKnownAt);
  if (ledger === null) return null;
  const paid = paidOf(ledger.payments);
  const { months, refundable } = allocatePayments(ledger.months, paid);
  const expected = months.reduce((sum, m) => sum + m.expected, 0);
  const outstanding = months.reduce((sum, m) => sum + m.outstanding, 0);
  return {
    agreementId,
    ...(request.asKnownAt === undefined ? {} : { asKnownAt: request.asKnownAt }),
    budget: ledger.budget,
    months,
    expected,
    paid,
    outstanding,
    refundable,
    payments: ledger.payments,
  };
}

/** An agreement's payments, reversed ones included and marked, with what they add up to; null when unknown. */
export function agreementPayments(db: Database.Database, agreementId: string, request: PremiumsRequest = {}) {
  const ledger = premiumLedgerOf(db, agreementId, request.asKnownAt);
  if (ledger === null) return null;
  return {
    agreementId,
    ...(request.asKnownAt === undefined ? {} : { asKnownAt: request.asKnownAt }),
    items: ledger.payments,
    paid: paidOf(ledger.payments),
  };
}
