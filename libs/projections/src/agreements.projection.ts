import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@pks/event-store';
import type { Projection } from './projection';
import { agreementEventOf } from './projected-event';

/**
 * The agreement list and the premium payments: what each agreement is, its budget, its cohorts, its last
 * version, and every payment the Pemda made. Period, members and premiums live in the coverage projection.
 */
export class AgreementsProjection implements Projection {
  readonly name = 'agreements';
  private signed!: Database.Statement;
  private touched!: Database.Statement;
  private budget!: Database.Statement;
  private cohort!: Database.Statement;
  private payment!: Database.Statement;

  setup(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rm_agreements (
        agreement_id TEXT PRIMARY KEY, region_code TEXT NOT NULL, pemda_name TEXT NOT NULL, pks_number TEXT NOT NULL,
        branch_code TEXT NOT NULL, branch_name TEXT NOT NULL, signed_on TEXT NOT NULL, programs TEXT NOT NULL,
        funding_source TEXT NOT NULL, budget INTEGER NOT NULL, version INTEGER NOT NULL, position INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS rm_agreements_region ON rm_agreements (region_code);
      CREATE TABLE IF NOT EXISTS rm_cohorts (
        agreement_id TEXT NOT NULL, cohort_id TEXT NOT NULL, name TEXT NOT NULL,
        PRIMARY KEY (agreement_id, cohort_id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS rm_payments (
        agreement_id TEXT NOT NULL, payment_id TEXT NOT NULL, amount INTEGER NOT NULL, paid_on TEXT NOT NULL,
        reference TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
        PRIMARY KEY (agreement_id, payment_id)) WITHOUT ROWID;`);
    this.signed = db.prepare(`INSERT INTO rm_agreements (agreement_id, region_code, pemda_name, pks_number,
      branch_code, branch_name, signed_on, programs, funding_source, budget, version, position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.touched = db.prepare(`UPDATE rm_agreements SET version = MAX(version, ?), position = MAX(position, ?)
      WHERE agreement_id = ?`);
    this.budget = db.prepare('UPDATE rm_agreements SET budget = ? WHERE agreement_id = ?');
    this.cohort = db.prepare(
      'INSERT INTO rm_cohorts (agreement_id, cohort_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.payment = db.prepare(`INSERT INTO rm_payments
      (agreement_id, payment_id, amount, paid_on, reference, position, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  }

  apply(stored: RecordedEvent): void {
    const projected = agreementEventOf(stored);
    if (projected === null) return;
    const { agreementId, event, position, version } = projected;
    switch (event.type) {
      case 'AgreementSigned': {
        const d = event.data;
        this.signed.run(
          agreementId,
          d.pemda.regionCode,
          d.pemda.name,
          d.pksNumber,
          d.branch.code,
          d.branch.name,
          d.signedOn,
          d.programs.join(','),
          d.funding.source,
          d.funding.budget,
          version,
          position,
        );
        break;
      }
      case 'CohortEnrolled':
        this.cohort.run(agreementId, event.data.cohortId, event.data.name);
        break;
      case 'PeriodExtended':
        this.budget.run(event.data.budget, agreementId);
        break;
      case 'PremiumPaymentRecorded': {
        const d = event.data;
        this.payment.run(agreementId, d.paymentId, d.amount, d.paidOn, d.reference, position, projected.recordedAt);
        break;
      }
      case 'CohortBatchEnrolled':
      case 'DeathBenefitPaid':
      case 'MemberWithdrawn':
      case 'MemberDied':
      case 'AgreementTerminated':
        break; // the list keeps no row of its own for these; the version below still moves
    }
    this.touched.run(version, position, agreementId);
  }
}
