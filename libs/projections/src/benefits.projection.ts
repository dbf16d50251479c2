import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@pks/event-store';
import type { Projection } from './projection';
import { agreementEventOf } from './projected-event';

/** Every death benefit paid, with its components: the disbursement ledger. */
export class BenefitsProjection implements Projection {
  readonly name = 'benefits';
  private insert!: Database.Statement;
  private regionOf!: Database.Statement;
  private addTotals!: Database.Statement;

  setup(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rm_benefits (
        agreement_id TEXT NOT NULL, claim_id TEXT NOT NULL, nik TEXT NOT NULL, date_of_death TEXT NOT NULL,
        paid_on TEXT NOT NULL, cause TEXT NOT NULL, program TEXT NOT NULL, total INTEGER NOT NULL,
        components TEXT NOT NULL, scholarship_eligible INTEGER NOT NULL, heir_name TEXT NOT NULL,
        heir_relationship TEXT NOT NULL, position INTEGER NOT NULL, recorded_at TEXT NOT NULL,
        region_code TEXT NOT NULL, province TEXT NOT NULL,
        PRIMARY KEY (agreement_id, claim_id)) WITHOUT ROWID;
      -- Covering indexes: page order, and totals by program without reading the rows.
      CREATE INDEX IF NOT EXISTS rm_benefits_paid_on
        ON rm_benefits (paid_on, position, program, total, region_code, agreement_id);
      CREATE INDEX IF NOT EXISTS rm_benefits_province
        ON rm_benefits (province, paid_on, position, program, total, region_code, agreement_id);
      CREATE INDEX IF NOT EXISTS rm_benefits_nik ON rm_benefits (nik);
      -- Totals by program of the country ('' scope) and of each province, for the unfiltered ledger.
      CREATE TABLE IF NOT EXISTS rm_benefit_totals (
        scope TEXT NOT NULL, program TEXT NOT NULL, count INTEGER NOT NULL, amount INTEGER NOT NULL,
        PRIMARY KEY (scope, program)) WITHOUT ROWID;`);
    this.addTotals = db.prepare(`INSERT INTO rm_benefit_totals (scope, program, count, amount) VALUES (?, ?, 1, ?)
      ON CONFLICT (scope, program) DO UPDATE SET count = count + 1, amount = amount + excluded.amount`);
    this.insert = db.prepare(`INSERT INTO rm_benefits (agreement_id, claim_id, nik, date_of_death, paid_on,
      cause, program, total, components, scholarship_eligible, heir_name, heir_relationship, position, recorded_at,
      region_code, province) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    // The agreements projection applies each event first, in the same transaction: the agreement is known.
    this.regionOf = db.prepare('SELECT region_code FROM rm_agreements WHERE agreement_id = ?').pluck();
  }

  apply(stored: RecordedEvent): void {
    const projected = agreementEventOf(stored);
    if (projected?.event.type !== 'DeathBenefitPaid') return;
    const d = projected.event.data;
    const region = this.regionOf.get(projected.agreementId) as string | undefined;
    if (region === undefined) throw new Error(`benefit ${d.claimId} of unknown agreement ${projected.agreementId}`);
    const inserted = this.insert.run(
      projected.agreementId,
      d.claimId,
      d.nik,
      d.dateOfDeath,
      d.paidOn,
      d.cause,
      d.benefit.program,
      d.benefit.total,
      JSON.stringify(d.benefit.components),
      d.benefit.scholarshipEligible ? 1 : 0,
      d.heir.name,
      d.heir.relationship,
      projected.position,
      projected.recordedAt,
      region,
      region.slice(0, 2),
    );
    if (inserted.changes === 0) return; // applied before: the totals count it already
    for (const scope of ['', region.slice(0, 2)]) this.addTotals.run(scope, d.benefit.program, d.benefit.total);
  }
}
