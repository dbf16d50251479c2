import { decide, type AgreementCommand } from '@pks/domain';
import type { AgreementCommandPlan } from '../agreements/agreement-command-runner';

/** The plan of a command that needs nothing but the agreement's own state. */
export function planOf(agreementId: string, command: AgreementCommand): AgreementCommandPlan {
  return { agreementId, decide: (state, today) => decide(state, command, { today }) };
}
