import type { CalendarDate } from '../shared/calendar-date';

/**
 * What an agreement is on a given day: `terminated` once a termination is recorded (whatever its effective
 * date), `expired` after its last covered day, `active` otherwise. "Expired" is not a state of the stream: it
 * depends on today's date, so every view computes it here from the same two facts.
 */
export type AgreementStatus = 'active' | 'expired' | 'terminated';
export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['active', 'expired', 'terminated'];

export interface AgreementStatusFacts {
  readonly terminated: boolean;
  readonly lastCoveredDay: CalendarDate;
}

export function agreementStatus(agreement: AgreementStatusFacts, today: CalendarDate): AgreementStatus {
  if (agreement.terminated) return 'terminated';
  return agreement.lastCoveredDay < today ? 'expired' : 'active';
}
