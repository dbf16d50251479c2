import type Database from 'better-sqlite3';
import type { MemberCorrected } from '@pks/domain';
import type { ProjectedEvent } from '../projected-event';

/**
 * Corrections of member records (rule 13). Name, occupation and village are the member row's, updated only by a
 * correction recorded after the last one applied (a redelivered older correction changes nothing); declared
 * incomes are kept one row per correction, with the instant recorded, for premiums as known at any instant.
 */
export class CorrectionsWriter {
  private readonly fields: Database.Statement;
  private readonly member: Database.Statement;
  private readonly income: Database.Statement;

  constructor(db: Database.Database) {
    this.fields = db.prepare(`UPDATE rm_agreements_members SET name = COALESCE(@name, name),
      occupation = COALESCE(@occupation, occupation), village_code = COALESCE(@villageCode, village_code),
      corrected_position = @position
      WHERE nik = @nik AND agreement_id = @agreementId AND corrected_position < @position`);
    this.member = db.prepare('SELECT 1 FROM rm_agreements_members WHERE nik = ? AND agreement_id = ?').pluck();
    this.income = db.prepare(`INSERT INTO rm_agreements_income_changes (agreement_id, nik, position, recorded_at,
      from_month, declared_income) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  }

  /** Records the correction; true when it corrected an income (the agreement's premiums change). */
  corrected({ agreementId, event, position, recordedAt }: ProjectedEvent<MemberCorrected>): boolean {
    const d = event.data;
    if (this.member.get(d.nik, agreementId) === undefined) {
      throw new Error(`correction of ${d.nik}, not a member of ${agreementId}`);
    }
    const [name, occupation, villageCode] = [d.name ?? null, d.occupation ?? null, d.villageCode ?? null];
    this.fields.run({ name, occupation, villageCode, position, nik: d.nik, agreementId });
    if (d.income === undefined) return false;
    this.income.run(agreementId, d.nik, position, recordedAt, d.income.fromMonth, d.income.declaredIncome);
    return true;
  }
}
