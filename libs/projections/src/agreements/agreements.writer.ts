import type Database from 'better-sqlite3';
import {
  agreementLastCoveredDay,
  type AgreementSigned,
  type CalendarDate,
  type CoverageExit,
  type DeathBenefitPaid,
  type EnrolledMember,
  type MemberCorrected,
  type PremiumPaymentRecorded,
  type PremiumPaymentReversed,
} from '@pks/domain';
import type { ProjectedEvent } from '../projected-event';
import { provinceOf } from '../region-match';
import type { LoadMode } from '../read-model';
import { AGREEMENTS_SCHEMA, MEMBER_NIK_INDEX, WITHOUT_MEMBER_NIK_INDEX } from './agreements.schema';
import { CoverageFactsReader, PERIOD_COLUMNS, type PeriodRow } from './coverage-facts.reader';
import { BulkVersions } from './bulk-versions';
import { COVERAGE_SERIES_SCHEMA, CoverageSeriesStore } from './coverage-series.store';
import { CorrectionsWriter } from './corrections.writer';
import { DoubleFundingTracker } from './double-funding.tracker';
import { PaymentsWriter } from './payments.writer';

/** The period facts an extension or a termination changes. */
export type PeriodChange = (before: PeriodRow) => Omit<PeriodRow, 'lastCoveredDay'>;

/**
 * Writes the agreements read model. Every row is keyed by the event that recorded it (or recomputed from such
 * rows at the end of the batch: series, double funding), so applying an event twice changes nothing.
 */
export class AgreementsWriter {
  private readonly sql: ReturnType<typeof prepare>;
  private readonly facts: CoverageFactsReader;
  private readonly series: CoverageSeriesStore;
  private readonly doubleFunding: DoubleFundingTracker;
  private readonly payments: PaymentsWriter;
  private readonly corrections: CorrectionsWriter;
  /** A bulk load's writes, gathered within a batch; none live. */
  private readonly bulk: BulkVersions | null;
  /** Agreements whose coverage changed in this batch: their series are rewritten at its end. */
  private readonly dirty = new Set<string>();

  constructor(
    private readonly db: Database.Database,
    mode: LoadMode,
  ) {
    db.exec(AGREEMENTS_SCHEMA + COVERAGE_SERIES_SCHEMA);
    // A bulk load drops the NIK index (a rebuild resumed after its end) and builds it once at its end.
    db.exec(mode.bulk ? WITHOUT_MEMBER_NIK_INDEX : MEMBER_NIK_INDEX);
    this.sql = prepare(db);
    this.facts = new CoverageFactsReader(db);
    this.series = new CoverageSeriesStore(db);
    this.doubleFunding = new DoubleFundingTracker(db);
    this.payments = new PaymentsWriter(db);
    this.corrections = new CorrectionsWriter(db);
    this.bulk = mode.bulk ? new BulkVersions(db) : null;
  }

  signed({ agreementId, event, position, version, recordedAt }: ProjectedEvent<AgreementSigned>): void {
    const d = event.data;
    this.sql.signed.run(
      agreementId,
      d.pemda.regionCode,
      provinceOf(d.pemda.regionCode),
      d.pemda.name,
      d.pksNumber,
      d.branch.code,
      d.branch.name,
      d.signedOn,
      d.programs.join(','),
      d.funding.source,
      version,
      position,
    );
    const { start, end } = d.coverage;
    const lastDay = agreementLastCoveredDay({ end });
    this.sql.period.run(agreementId, position, recordedAt, start, end, null, null, d.funding.budget, lastDay);
    this.bulk?.signedNow(agreementId);
    this.dirty.add(agreementId);
  }

  /** Moves the agreement's version; an event of an agreement never signed here is refused (and quarantined). */
  touched({ agreementId, position, version }: ProjectedEvent): void {
    const signed = this.bulk
      ? this.bulk.touched(agreementId, version, position)
      : this.sql.touched.run(version, position, agreementId).changes > 0;
    if (!signed) {
      throw new Error(`event at position ${position} of agreement ${agreementId}, never signed`);
    }
  }

  cohort(agreementId: string, cohortId: string, name: string): void {
    this.sql.cohort.run(agreementId, cohortId, name);
  }

  enrolled(at: ProjectedEvent, cohortId: string, coveredFrom: CalendarDate, members: readonly EnrolledMember[]) {
    const { agreementId } = at;
    const counts = new Map<number, number>();
    for (const m of members) {
      const { nik, name, occupation, villageCode, declaredIncome } = m;
      counts.set(declaredIncome, (counts.get(declaredIncome) ?? 0) + 1);
      this.sql.member.run(nik, agreementId, cohortId, name, occupation, villageCode, declaredIncome, coveredFrom);
      // A bulk load finds the workers enrolled more than once with one query at its end.
      if (this.bulk) continue;
      const agreements = this.sql.agreementsOf.all(m.nik) as string[];
      if (agreements.length > 1) this.doubleFunding.enrolledIn(m.nik, agreements);
    }
    for (const [income, count] of counts) {
      this.sql.group.run(at.agreementId, at.position, coveredFrom, income, cohortId, at.recordedAt, count);
    }
    this.dirty.add(at.agreementId);
  }

  /** A new period row, derived from the period before the event, so that applying it again gives the same row. */
  periodChanged(at: ProjectedEvent, change: PeriodChange): void {
    const before = this.sql.periodBefore.get(at.agreementId, at.position) as PeriodRow;
    const next = change(before);
    this.sql.period.run(
      at.agreementId,
      at.position,
      at.recordedAt,
      next.start,
      next.end,
      next.terminationDate,
      next.terminationReason,
      next.budget,
      agreementLastCoveredDay(next),
    );
    this.dirty.add(at.agreementId);
    this.doubleFunding.periodChanged(at.agreementId);
  }

  exited(at: ProjectedEvent, exit: CoverageExit): void {
    const member = this.sql.memberOf.get(exit.nik, at.agreementId) as
      { coveredFrom: string; declaredIncome: number } | undefined;
    if (member === undefined) throw new Error(`early exit of ${exit.nik}, not a member of ${at.agreementId}`);
    const { agreementId, position, recordedAt } = at;
    const { nik, lastDay, reason } = exit;
    this.sql.exit.run(
      agreementId,
      nik,
      position,
      recordedAt,
      lastDay,
      reason,
      member.coveredFrom,
      member.declaredIncome,
    );
    this.dirty.add(agreementId);
    this.doubleFunding.coverageChanged(agreementId, nik);
  }

  corrected(at: ProjectedEvent<MemberCorrected>): void {
    if (!this.corrections.corrected(at)) return;
    this.dirty.add(at.agreementId);
    this.doubleFunding.coverageChanged(at.agreementId, at.event.data.nik);
  }

  benefitPaid({ agreementId, event, position }: ProjectedEvent<DeathBenefitPaid>): void {
    const d = event.data;
    this.sql.benefit.run(
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
      d.heir.name,
      d.heir.relationship,
      position,
    );
  }

  paid(at: ProjectedEvent<PremiumPaymentRecorded>): void {
    this.payments.paid(at);
  }

  reversed(at: ProjectedEvent<PremiumPaymentReversed>): void {
    this.payments.reversed(at);
  }

  endBatch(): void {
    if (this.bulk) {
      this.bulk.endBatch();
      // Series and double funding are derived from the rows alone: a bulk load computes them once, at its end.
      this.dirty.clear();
      this.doubleFunding.skip();
      return;
    }
    for (const agreementId of this.dirty) {
      this.series.rewrite(agreementId, this.facts.facts(agreementId));
      this.sql.countMembers.run({ agreementId });
    }
    this.dirty.clear();
    this.doubleFunding.flush();
  }

  rolledBack(): void {
    this.bulk?.rolledBack();
  }

  /** The members' NIK index, then every worker enrolled more than once and every agreement's series. */
  finishBulkLoad(): void {
    this.db.exec(MEMBER_NIK_INDEX);
    this.doubleFunding.recomputeAll();
    this.sql.countAllMembers.run();
    for (const agreementId of this.sql.agreementIds.all() as string[])
      this.series.rewrite(agreementId, this.facts.facts(agreementId));
  }
}

function prepare(db: Database.Database) {
  return {
    signed: db.prepare(`INSERT INTO rm_agreements (agreement_id, region_code, province, pemda_name, pks_number,
      branch_code, branch_name, signed_on, programs, funding_source, version, position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    touched: db.prepare(`UPDATE rm_agreements SET version = MAX(version, ?), position = MAX(position, ?)
      WHERE agreement_id = ?`),
    period: db.prepare(`INSERT OR REPLACE INTO rm_agreements_periods (agreement_id, position, recorded_at, start,
      "end", termination_date, termination_reason, budget, last_covered_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    periodBefore: db.prepare(`SELECT ${PERIOD_COLUMNS} FROM rm_agreements_periods
      WHERE agreement_id = ? AND position < ? ORDER BY position DESC LIMIT 1`),
    cohort: db.prepare(`INSERT INTO rm_agreements_cohorts (agreement_id, cohort_id, name) VALUES (?, ?, ?)
      ON CONFLICT DO NOTHING`),
    agreementsOf: db.prepare('SELECT agreement_id FROM rm_agreements_members WHERE nik = ?').pluck(),
    member: db.prepare(`INSERT INTO rm_agreements_members (nik, agreement_id, cohort_id, name, occupation,
      village_code, declared_income, covered_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    memberOf: db.prepare(`SELECT covered_from AS coveredFrom, declared_income AS declaredIncome
      FROM rm_agreements_members WHERE nik = ? AND agreement_id = ?`),
    countMembers: db.prepare(`UPDATE rm_agreements SET members =
      (SELECT COALESCE(SUM(count), 0) FROM rm_agreements_groups g WHERE g.agreement_id = @agreementId)
      WHERE agreement_id = @agreementId`),
    countAllMembers: db.prepare(`UPDATE rm_agreements SET members = COALESCE(
      (SELECT SUM(count) FROM rm_agreements_groups g WHERE g.agreement_id = rm_agreements.agreement_id), 0)`),
    agreementIds: db.prepare('SELECT agreement_id FROM rm_agreements ORDER BY agreement_id').pluck(),
    group: db.prepare(`INSERT OR REPLACE INTO rm_agreements_groups
      (agreement_id, position, covered_from, declared_income, cohort_id, recorded_at, count) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    exit: db.prepare(`INSERT OR REPLACE INTO rm_agreements_exits (agreement_id, nik, position, recorded_at,
      last_day, reason, covered_from, declared_income) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    benefit: db.prepare(`INSERT INTO rm_agreements_benefits (agreement_id, claim_id, nik, date_of_death, paid_on,
      cause, program, total, components, scholarship_eligible, heir_name, heir_relationship, position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
  };
}
