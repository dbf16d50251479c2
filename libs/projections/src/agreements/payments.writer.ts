import type Database from 'better-sqlite3';
import type { PremiumPaymentRecorded, PremiumPaymentReversed } from '@pks/domain';
import type { ProjectedEvent } from '../projected-event';

/**
 * The payments of agreements (rule 8): a payment row, and its reversal on the same row once recorded. Each keeps
 * the instant it was recorded, so that premiums can be read as known at any instant; applying either twice
 * changes nothing.
 */
export class PaymentsWriter {
  private readonly insert: Database.Statement;
  private readonly reverse: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO rm_agreements_payments
      (agreement_id, payment_id, amount, paid_on, reference, position, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`);
    this.reverse = db.prepare(`UPDATE rm_agreements_payments
      SET reversed_on = ?, reversal_reason = ?, reversal_position = ?, reversal_recorded_at = ?
      WHERE agreement_id = ? AND payment_id = ?`);
  }

  paid({ agreementId, event, position, recordedAt }: ProjectedEvent<PremiumPaymentRecorded>): void {
    const { paymentId, amount, paidOn, reference } = event.data;
    this.insert.run(agreementId, paymentId, amount, paidOn, reference, position, recordedAt);
  }

  reversed({ agreementId, event, position, recordedAt }: ProjectedEvent<PremiumPaymentReversed>): void {
    const { paymentId, reversedOn, reason } = event.data;
    const changed = this.reverse.run(reversedOn, reason, position, recordedAt, agreementId, paymentId).changes;
    if (changed === 0) throw new Error(`reversal of payment ${paymentId}, never recorded in ${agreementId}`);
  }
}
