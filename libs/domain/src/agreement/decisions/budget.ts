import { DomainError } from '../../shared/domain-error';
import type { AgreementEvent } from '../agreement.events';
import { foldEvents, type SignedAgreement } from '../agreement.state';
import { expectedPremium } from '../coverage';

/**
 * Rule 6: refuses events that would raise the expected premium above the budget ceiling. The events are folded
 * onto the state to price the agreement exactly as it would stand after them.
 */
export function requireWithinBudget<E extends AgreementEvent>(state: SignedAgreement, events: E[]): E[] {
  // The handler folds the same list again for its cache: foldEvents remembers this one.
  const after = foldEvents(state, events) as SignedAgreement;
  const expected = expectedPremium(after);
  if (expected > after.budget) {
    throw new DomainError(
      'BUDGET_EXCEEDED',
      `expected premium Rp${expected} would exceed the budget ceiling Rp${after.budget}`,
      { expectedPremium: expected, ceiling: after.budget },
    );
  }
  return events;
}
