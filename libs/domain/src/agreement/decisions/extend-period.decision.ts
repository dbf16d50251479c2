import { DomainError, rejectIfInvalid } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import type { ExtendPeriod } from '../agreement.commands';
import type { PeriodExtended } from '../agreement.events';
import type { AgreementState } from '../agreement.state';
import { requireWithinBudget } from './budget';
import { requireActive } from './guards';

/**
 * Rule 7: the new end is after the current one; members still covered at the old end continue to the new end
 * (that follows from the fold: their last covered day is the agreement's end). Rule 6 applies to the cost.
 */
export function decideExtendPeriod(state: AgreementState, { data }: ExtendPeriod): PeriodExtended[] {
  const agreement = requireActive(state);
  const c = new FieldChecks();
  c.date(data.newEnd, 'newEnd');
  if (data.additionalBudget !== undefined) c.rupiah(data.additionalBudget, 'additionalBudget', 0);
  c.text(data.reference, 'reference');
  rejectIfInvalid(c.issues, 'ExtendPeriod');
  if (data.newEnd <= agreement.end) {
    throw new DomainError(
      'INVALID_PERIOD',
      `the new end ${data.newEnd} must be after the current end ${agreement.end}`,
      { newEnd: data.newEnd, currentEnd: agreement.end },
    );
  }
  const additionalBudget = data.additionalBudget ?? 0;
  return requireWithinBudget(agreement, [
    {
      type: 'PeriodExtended',
      data: {
        previousEnd: agreement.end,
        newEnd: data.newEnd,
        additionalBudget,
        budget: agreement.budget + additionalBudget,
        reference: data.reference,
      },
    },
  ]);
}
