import type Database from 'better-sqlite3';
import type { EnrolledMember } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';
import type { Projection } from './projection';

const AGREEMENT_STREAM = 'agreement-';

/** Which agreements each NIK was enrolled in: enrolment is never undone, so rows are only added. */
export class MemberAgreementsProjection implements Projection {
  readonly name = 'member-agreements';
  private insert!: Database.Statement;
  private select!: Database.Statement;

  setup(db: Database.Database): void {
    db.exec(`CREATE TABLE IF NOT EXISTS member_agreements (
      nik TEXT NOT NULL, agreement_id TEXT NOT NULL, PRIMARY KEY (nik, agreement_id)) WITHOUT ROWID`);
    this.insert = db.prepare('INSERT OR IGNORE INTO member_agreements (nik, agreement_id) VALUES (?, ?)');
    this.select = db.prepare('SELECT agreement_id FROM member_agreements WHERE nik = ? ORDER BY agreement_id').pluck();
  }

  apply(event: RecordedEvent): void {
    if (event.type !== 'CohortEnrolled' && event.type !== 'CohortBatchEnrolled') return;
    if (!event.streamId.startsWith(AGREEMENT_STREAM)) return;
    const agreementId = event.streamId.slice(AGREEMENT_STREAM.length);
    for (const member of (event.data as { members: EnrolledMember[] }).members) this.insert.run(member.nik, agreementId);
  }

  agreementsOf(nik: string): string[] {
    return this.select.all(nik) as string[];
  }
}
