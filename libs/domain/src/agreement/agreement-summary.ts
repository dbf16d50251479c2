import type { CalendarDate } from '../shared/calendar-date';
import type { AgreementStatus } from './agreement-status';
import type { Branch, FundingSource, Pemda, Program } from './agreement.events';

/**
 * API.md "summary": what dashboards and finance staff see of one agreement. Declared once for the two views
 * that answer it, the read model (`GET /agreements/{id}`) and the fold of the stream (`/state`), which must
 * agree at the latest version.
 */
export interface AgreementSummary {
  readonly agreementId: string;
  readonly status: AgreementStatus;
  readonly pemda: Pemda;
  readonly branch: Branch;
  readonly pksNumber: string;
  readonly signedOn: CalendarDate;
  readonly coverage: { start: CalendarDate; end: CalendarDate; lastCoveredDay: CalendarDate };
  readonly programs: readonly Program[];
  readonly funding: { source: FundingSource };
  readonly budget: number;
  readonly termination?: { effectiveDate: CalendarDate; reason: string };
  readonly cohorts: { cohortId: string; name: string; members: number }[];
  readonly members: number;
  readonly expectedPremium: number;
  readonly paidPremium: number;
  readonly outstanding: number;
  readonly refundable: number;
  readonly benefits: { count: number; total: number };
  /** Version of the agreement's stream the summary reflects. */
  readonly version: number;
}
