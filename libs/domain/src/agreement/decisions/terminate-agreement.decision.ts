import { DomainError, rejectIfInvalid } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import type { TerminateAgreement } from '../agreement.commands';
import type { AgreementTerminated } from '../agreement.events';
import type { AgreementState } from '../agreement.state';
import { requireActive } from './guards';

/**
 * Rule 10: coverage ends the day before the termination takes effect, and may not end before a death whose
 * benefit was paid. Termination of an agreement already terminated is refused.
 */
export function decideTerminateAgreement(state: AgreementState, { data }: TerminateAgreement): AgreementTerminated[] {
  const agreement = requireActive(state);
  const c = new FieldChecks();
  c.date(data.effectiveDate, 'effectiveDate');
  c.text(data.reason, 'reason', 500);
  rejectIfInvalid(c.issues, 'TerminateAgreement');
  if (data.effectiveDate < agreement.start || data.effectiveDate > agreement.end) {
    throw new DomainError(
      'INVALID_PERIOD',
      `termination must take effect within the coverage period ${agreement.start} to ${agreement.end}`,
      { effectiveDate: data.effectiveDate, start: agreement.start, end: agreement.end },
    );
  }
  const latestDeath = [...agreement.benefits.values()].reduce<string>(
    (latest, benefit) => (benefit.dateOfDeath > latest ? benefit.dateOfDeath : latest),
    '',
  );
  if (latestDeath !== '' && data.effectiveDate <= latestDeath) {
    throw new DomainError(
      'INVALID_PERIOD',
      `termination from ${data.effectiveDate} would reach back past a death benefit paid for a death on ${latestDeath}`,
      { effectiveDate: data.effectiveDate, latestPaidDeath: latestDeath },
    );
  }
  return [{ type: 'AgreementTerminated', data: { effectiveDate: data.effectiveDate, reason: data.reason } }];
}
