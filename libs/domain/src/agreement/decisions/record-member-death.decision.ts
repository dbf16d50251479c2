import type { RecordMemberDeath } from '../agreement.commands';
import type { MemberDied } from '../agreement.events';
import type { AgreementState } from '../agreement.state';
import { memberWindow } from '../coverage';

/**
 * Rule 2 across agreements: a member's coverage ends on the date of death, whichever agreement paid the benefit.
 * Nothing happens when the worker is not a member here or the coverage already ended by then, so the command
 * can be repeated safely.
 */
export function decideRecordMemberDeath(state: AgreementState, { data }: RecordMemberDeath): MemberDied[] {
  if (state.status === 'none') return [];
  const member = state.members.get(data.nik);
  if (member === undefined || state.benefits.has(data.nik)) return [];
  if (memberWindow(state, member).to <= data.dateOfDeath) return [];
  return [
    {
      type: 'MemberDied',
      data: {
        nik: data.nik,
        dateOfDeath: data.dateOfDeath,
        benefitAgreementId: data.benefitAgreementId,
        benefitClaimId: data.benefitClaimId,
      },
    },
  ];
}
