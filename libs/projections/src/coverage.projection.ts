import type Database from 'better-sqlite3';
import { addDays, minDate, type CalendarDate, type CoverageFacts, type EnrolledMember } from '@pks/domain';
import type { RecordedEvent } from '@pks/event-store';
import type { Projection } from './projection';
import { agreementEventOf, type ProjectedAgreementEvent } from './projected-event';
import { COVERAGE_SCHEMA, CoverageStatements } from './coverage.schema';
import { COVERAGE_SERIES_SCHEMA, CoverageSeriesStore } from './coverage-series.store';
import { DoubleFundingTracker } from './double-funding.tracker';

/**
 * Coverage and its facts (rules 2, 5 and 8): members, their groups, early exits and the agreement's period, each
 * fact with the position and instant it was recorded, so that coverage can be computed "as known at" any
 * instant. The current series of every agreement a batch touched (months, daily change points, their province's
 * totals) and the double-funding report of the workers it touched are recomputed at the end of the batch.
 * Every write is keyed by the event's position or recomputed from facts: applying an event twice changes nothing.
 */
export class CoverageProjection implements Projection {
  readonly name = 'coverage';
  private sql!: CoverageStatements;
  private series!: CoverageSeriesStore;
  private doubleFunding!: DoubleFundingTracker;
  private readonly dirty = new Set<string>();

  setup(db: Database.Database): void {
    db.exec(COVERAGE_SCHEMA + COVERAGE_SERIES_SCHEMA);
    this.sql = new CoverageStatements(db);
    this.series = new CoverageSeriesStore(db);
    this.doubleFunding = new DoubleFundingTracker(db);
  }

  apply(stored: RecordedEvent): void {
    const projected = agreementEventOf(stored);
    if (projected === null) return;
    const { agreementId, event, position, recordedAt } = projected;
    switch (event.type) {
      case 'AgreementSigned':
        this.series.signed(agreementId, event.data.pemda.regionCode);
        this.sql.period.run(
          agreementId,
          position,
          recordedAt,
          event.data.coverage.start,
          event.data.coverage.end,
          null,
          event.data.coverage.end,
        );
        break;
      case 'CohortEnrolled':
      case 'CohortBatchEnrolled':
        this.enrolled(projected, event.data.cohortId, event.data.effectiveFrom, event.data.members);
        break;
      case 'PeriodExtended':
        this.periodChanged(projected, (current) => ({ ...current, end: event.data.newEnd }));
        break;
      case 'AgreementTerminated':
        this.periodChanged(projected, (current) => ({ ...current, terminationDate: event.data.effectiveDate }));
        break;
      case 'DeathBenefitPaid':
      case 'MemberDied':
        this.exited(projected, event.data.nik, event.data.dateOfDeath, 'death');
        break;
      case 'MemberWithdrawn':
        this.exited(projected, event.data.nik, addDays(event.data.effectiveDate, -1), 'withdrawal');
        break;
      case 'PremiumPaymentRecorded':
        return; // payments do not change coverage
    }
    this.dirty.add(agreementId);
  }

  endBatch(): void {
    for (const agreementId of this.dirty) this.series.rewrite(agreementId, this.facts(agreementId));
    this.dirty.clear();
    this.doubleFunding.flush();
  }

  /** The facts of an agreement as recorded up to `asKnownAt` (or all of them); null before its signature. */
  facts(agreementId: string, asKnownAt = '9999'): (CoverageFacts & { start: CalendarDate }) | null {
    const period = this.sql.periodAt.get(agreementId, asKnownAt) as PeriodRow | undefined;
    if (period === undefined) return null;
    return {
      start: period.start,
      lastCoveredDay: period.last_covered_day,
      groups: (this.sql.groupsAt.all(agreementId, asKnownAt) as GroupRow[]).map((g) => ({
        coveredFrom: g.covered_from,
        declaredIncome: g.declared_income,
        count: g.count,
      })),
      exits: (this.sql.exitsAt.all(agreementId, asKnownAt) as ExitRow[]).map((e) => ({
        coveredFrom: e.covered_from,
        declaredIncome: e.declared_income,
        lastDay: e.last_day,
      })),
    };
  }

  /** Every agreement the NIK was ever enrolled in. */
  agreementsOf(nik: string): string[] {
    return this.sql.agreementsOf.all(nik) as string[];
  }

  private enrolled(
    at: ProjectedAgreementEvent,
    cohortId: string,
    coveredFrom: CalendarDate,
    members: readonly EnrolledMember[],
  ) {
    const counts = new Map<number, number>();
    for (const m of members) {
      this.sql.member.run(
        m.nik,
        at.agreementId,
        cohortId,
        m.name,
        m.occupation,
        m.villageCode,
        m.declaredIncome,
        coveredFrom,
        at.position,
        at.recordedAt,
      );
      counts.set(m.declaredIncome, (counts.get(m.declaredIncome) ?? 0) + 1);
      const agreements = this.agreementsOf(m.nik);
      if (agreements.length > 1) this.doubleFunding.enrolledIn(m.nik, agreements);
    }
    for (const [income, count] of counts) {
      this.sql.group.run(at.agreementId, at.position, coveredFrom, income, at.recordedAt, count);
    }
  }

  private periodChanged(at: ProjectedAgreementEvent, change: (p: Period) => Period): void {
    // The period as it stood before this event, so that applying the event again gives the same row.
    const row = this.sql.periodBefore.get(at.agreementId, at.position) as PeriodRow;
    const next = change({ start: row.start, end: row.end, terminationDate: row.termination_date });
    const lastDay = next.terminationDate === null ? next.end : minDate(next.end, addDays(next.terminationDate, -1));
    this.sql.period.run(
      at.agreementId,
      at.position,
      at.recordedAt,
      next.start,
      next.end,
      next.terminationDate,
      lastDay,
    );
    this.doubleFunding.periodChanged(at.agreementId);
  }

  private exited(
    at: ProjectedAgreementEvent,
    nik: string,
    lastDay: CalendarDate,
    reason: 'death' | 'withdrawal',
  ): void {
    this.sql.exit.run(at.agreementId, nik, at.position, at.recordedAt, lastDay, reason);
    this.doubleFunding.coverageEnded(at.agreementId, nik);
  }
}

interface Period {
  start: string;
  end: string;
  terminationDate: string | null;
}
interface PeriodRow {
  start: string;
  end: string;
  termination_date: string | null;
  last_covered_day: string;
}
interface GroupRow {
  covered_from: string;
  declared_income: number;
  count: number;
}
interface ExitRow {
  covered_from: string;
  declared_income: number;
  last_day: string;
}
