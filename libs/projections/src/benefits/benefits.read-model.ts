import type Database from 'better-sqlite3';
import type { AgreementSigned, DeathBenefitPaid } from '@pks/domain';
import type { ProjectedEvent } from '../projected-event';
import { defineReadModel, IGNORED } from '../read-model';
import { provinceOf } from '../region-match';

const BENEFITS_SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_benefits (
  agreement_id TEXT NOT NULL, claim_id TEXT NOT NULL, nik TEXT NOT NULL, date_of_death TEXT NOT NULL,
  paid_on TEXT NOT NULL, cause TEXT NOT NULL, program TEXT NOT NULL, total INTEGER NOT NULL,
  components TEXT NOT NULL, scholarship_eligible INTEGER NOT NULL, position INTEGER NOT NULL,
  region_code TEXT NOT NULL, province TEXT NOT NULL, branch_code TEXT NOT NULL,
  PRIMARY KEY (agreement_id, claim_id)) WITHOUT ROWID;
-- Covering indexes: page order, and totals by program without reading the rows.
CREATE INDEX IF NOT EXISTS rm_benefits_paid_on
  ON rm_benefits (paid_on, position, program, total, region_code, agreement_id);
CREATE INDEX IF NOT EXISTS rm_benefits_province
  ON rm_benefits (province, paid_on, position, program, total, region_code, agreement_id);
-- Totals by program of the country ('' scope) and of each province, for the unfiltered ledger.
CREATE TABLE IF NOT EXISTS rm_benefits_totals (
  scope TEXT NOT NULL, program TEXT NOT NULL, count INTEGER NOT NULL, amount INTEGER NOT NULL,
  PRIMARY KEY (scope, program)) WITHOUT ROWID;
-- The region and branch of every agreement, from its signature: a benefit is filed under its agreement's.
CREATE TABLE IF NOT EXISTS rm_benefits_regions (
  agreement_id TEXT PRIMARY KEY, region_code TEXT NOT NULL, branch_code TEXT NOT NULL) WITHOUT ROWID;
`;

class BenefitsWriter {
  private readonly region: Database.Statement;
  private readonly regionOf: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly addTotals: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(BENEFITS_SCHEMA);
    this.region = db.prepare(`INSERT INTO rm_benefits_regions (agreement_id, region_code, branch_code)
      VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
    this.regionOf = db.prepare(`SELECT region_code AS regionCode, branch_code AS branchCode
      FROM rm_benefits_regions WHERE agreement_id = ?`);
    this.insert = db.prepare(`INSERT INTO rm_benefits (agreement_id, claim_id, nik, date_of_death, paid_on,
      cause, program, total, components, scholarship_eligible, position, region_code, province, branch_code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.addTotals = db.prepare(`INSERT INTO rm_benefits_totals (scope, program, count, amount) VALUES (?, ?, 1, ?)
      ON CONFLICT (scope, program) DO UPDATE SET count = count + 1, amount = amount + excluded.amount`);
  }

  signed({ agreementId, event }: ProjectedEvent<AgreementSigned>): void {
    this.region.run(agreementId, event.data.pemda.regionCode, event.data.branch.code);
  }

  paid({ agreementId, event, position }: ProjectedEvent<DeathBenefitPaid>): void {
    const d = event.data;
    const filed = this.regionOf.get(agreementId) as { regionCode: string; branchCode: string } | undefined;
    if (filed === undefined) throw new Error(`benefit ${d.claimId} of unknown agreement ${agreementId}`);
    const region = filed.regionCode;
    const inserted = this.insert.run(
      agreementId,
      d.claimId,
      d.nik,
      d.dateOfDeath,
      d.paidOn,
      d.cause,
      d.benefit.program,
      d.benefit.total,
      JSON.stringify(d.benefit.components),
      d.benefit.scholarshipEligible ? 1 : 0,
      position,
      region,
      provinceOf(region),
      filed.branchCode,
    );
    if (inserted.changes === 0) return; // applied before: the totals count it already
    for (const scope of ['', provinceOf(region)]) this.addTotals.run(scope, d.benefit.program, d.benefit.total);
  }
}

/** Benefits: every death benefit paid, with its components and its agreement's region (the disbursement ledger). */
export const benefitsReadModel = defineReadModel({
  name: 'benefits',
  open: (db) => new BenefitsWriter(db),
  handles: {
    AgreementSigned: (writer, projected) => writer.signed(projected),
    DeathBenefitPaid: (writer, projected) => writer.paid(projected),
    CohortEnrolled: IGNORED,
    CohortBatchEnrolled: IGNORED,
    PeriodExtended: IGNORED,
    PremiumPaymentRecorded: IGNORED,
    PremiumPaymentReversed: IGNORED,
    MemberCorrected: IGNORED,
    MemberWithdrawn: IGNORED,
    MemberDied: IGNORED,
    AgreementTerminated: IGNORED,
  },
});
