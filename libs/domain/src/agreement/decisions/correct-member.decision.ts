import { monthOf } from '../../shared/calendar-date';
import { DomainError, rejectIfInvalid } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import { nikProblems } from '../../shared/nik';
import { DECLARED_INCOME } from '../../shared/schedules';
import { NO_PEOPLE_FACTS } from '../../person/people-facts';
import type { CorrectMember, DecisionContext } from '../agreement.commands';
import type { CohortBatchEnrolled, MemberCorrected, MemberDied, MemberWithdrawn } from '../agreement.events';
import type { Member, SignedAgreement, AgreementState } from '../agreement.state';
import { memberWindow } from '../coverage';
import { correctedTimeline, sameTimeline } from '../member-income';
import { requireWithinBudget } from './budget';
import { VILLAGE_CODE_PATTERN } from './enroll-cohort.decision';
import { requireSigned } from './guards';
import { decideNikCorrection } from './nik-correction';

type Data = CorrectMember['data'];

/**
 * Rule 13: a member's name, occupation and village are corrected by a later fact; a declared income from a month
 * on, within the member's coverage, and the expected premium follows it from that month (under the budget
 * ceiling). A NIK is never corrected in place (see nik-correction.ts). A correction that changes nothing records
 * nothing.
 */
export function decideCorrectMember(
  state: AgreementState,
  { data }: CorrectMember,
  { people = NO_PEOPLE_FACTS }: DecisionContext,
): (MemberCorrected | MemberWithdrawn | CohortBatchEnrolled | MemberDied)[] {
  const agreement = requireSigned(state);
  validate(data);
  const member = agreement.members.get(data.nik);
  if (member === undefined) throw new DomainError('MEMBER_NOT_FOUND', 'no member with this NIK in the agreement');
  if (data.correctedNik !== undefined) return decideNikCorrection(agreement, member, data, people);
  const corrected = correction(agreement, member, data);
  if (corrected === null) return [];
  return corrected.data.income === undefined ? [corrected] : requireWithinBudget(agreement, [corrected]);
}

function validate(data: Data): void {
  const c = new FieldChecks();
  c.text(data.reason, 'reason', 500);
  if (data.name !== undefined) c.text(data.name, 'name');
  if (data.occupation !== undefined) c.text(data.occupation, 'occupation', 100);
  if (data.villageCode !== undefined) {
    c.pattern(data.villageCode, VILLAGE_CODE_PATTERN, 'villageCode', 'must be a village code PP.KK.DD.VVVV');
  }
  if (data.declaredIncome !== undefined) {
    c.rupiah(data.declaredIncome, 'declaredIncome', DECLARED_INCOME.min, DECLARED_INCOME.max);
  }
  if (data.incomeFrom !== undefined) c.month(data.incomeFrom, 'incomeFrom');
  c.check(
    data.incomeFrom !== undefined || data.declaredIncome === undefined,
    'incomeFrom',
    'required with declaredIncome',
  );
  c.check(
    data.declaredIncome !== undefined || data.incomeFrom === undefined,
    'declaredIncome',
    'required with incomeFrom',
  );
  const fields = [data.correctedNik, data.name, data.occupation, data.villageCode, data.declaredIncome];
  c.check(
    fields.some((f) => f !== undefined),
    'body',
    'give at least one field to correct',
  );
  if (data.correctedNik !== undefined) {
    for (const problem of nikProblems(data.correctedNik)) c.check(false, 'correctedNik', problem);
    c.check(data.correctedNik !== data.nik, 'correctedNik', 'is the NIK being corrected');
    c.check(data.declaredIncome === undefined, 'declaredIncome', 'correct the income after the NIK, on its own');
  }
  rejectIfInvalid(c.issues, 'CorrectMember');
}

/** The fields that change, and the income timeline when it changes; null when nothing would. */
function correction(agreement: SignedAgreement, member: Member, data: Data): MemberCorrected | null {
  const changed = <K extends 'name' | 'occupation' | 'villageCode'>(key: K) =>
    data[key] !== undefined && data[key] !== member[key] ? { [key]: data[key] } : {};
  const income = data.declaredIncome === undefined ? undefined : incomeCorrection(agreement, member, data);
  const fields = { ...changed('name'), ...changed('occupation'), ...changed('villageCode') };
  if (Object.keys(fields).length === 0 && income === undefined) return null;
  return {
    type: 'MemberCorrected',
    data: { nik: member.nik, ...fields, ...(income ? { income } : {}), reason: data.reason },
  };
}

/** The income correction, when it changes the member's timeline; refused outside the member's coverage. */
function incomeCorrection(agreement: SignedAgreement, member: Member, data: Data) {
  const benefit = agreement.benefits.get(member.nik);
  if (benefit !== undefined) {
    throw new DomainError(
      'INVALID_PERIOD',
      `the member's death benefit was paid (death on ${benefit.dateOfDeath}); the income it was computed on stands`,
      { dateOfDeath: benefit.dateOfDeath, claimId: benefit.claimId },
    );
  }
  const window = memberWindow(agreement, member);
  const fromMonth = data.incomeFrom as string;
  if (window.to < window.from || fromMonth < monthOf(window.from) || fromMonth > monthOf(window.to)) {
    throw new DomainError(
      'INVALID_PERIOD',
      `an income can be corrected from a month of the member's coverage, ${window.from} to ${window.to}`,
      { incomeFrom: fromMonth, coverage: window },
    );
  }
  const income = { declaredIncome: data.declaredIncome as number, fromMonth };
  const known = agreement.incomeTimelines.get(member.nik);
  return sameTimeline(correctedTimeline(member.declaredIncome, known, income), known) ? undefined : income;
}
