import { DomainError, rejectIfInvalid, type ValidationIssue } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import { nikProblems } from '../../shared/nik';
import { DECLARED_INCOME, MAX_MEMBERS_PER_BATCH } from '../../shared/schedules';
import { NO_PEOPLE_FACTS } from '../../person/people-facts';
import type { DecisionContext, EnrollCohort, MemberRow } from '../agreement.commands';
import type { CohortBatchEnrolled, CohortEnrolled, EnrolledMember, MemberDied } from '../agreement.events';
import type { ActiveAgreement, AgreementState } from '../agreement.state';
import { requireWithinBudget } from './budget';
import { deathsOfEnrolled } from './deceased-members';
import { requireActive } from './guards';

export const COHORT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const VILLAGE_CODE_PATTERN = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/**
 * Rules 2, 3 and 6: a batch is accepted whole or not at all. Every bad row is named; a NIK appears at most once
 * per agreement; coverage starts on the batch's effective date, within the agreement's period, and never after
 * the member's death.
 */
export function decideEnrollCohort(
  state: AgreementState,
  { data }: EnrollCohort,
  { people = NO_PEOPLE_FACTS }: DecisionContext,
): (CohortEnrolled | CohortBatchEnrolled | MemberDied)[] {
  const agreement = requireActive(state);
  const isNewCohort = data.name !== undefined;
  const cohort = agreement.cohorts.get(data.cohortId);
  if (isNewCohort && cohort) throw new DomainError('COHORT_EXISTS', `cohort ${data.cohortId} already exists`);
  if (!isNewCohort && !cohort)
    throw new DomainError('COHORT_NOT_FOUND', `no cohort ${data.cohortId} in this agreement`);
  if (Array.isArray(data.members) && data.members.length > MAX_MEMBERS_PER_BATCH) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `a batch carries at most ${MAX_MEMBERS_PER_BATCH} members`, {
      maxMembers: MAX_MEMBERS_PER_BATCH,
      members: data.members.length,
    });
  }
  const members = validate(data, agreement);
  const effectiveFrom = data.effectiveFrom ?? agreement.start;
  if (effectiveFrom < agreement.start || effectiveFrom > agreement.end) {
    throw new DomainError(
      'INVALID_PERIOD',
      `effectiveFrom ${effectiveFrom} is outside the coverage period ${agreement.start} to ${agreement.end}`,
      { effectiveFrom, start: agreement.start, end: agreement.end },
    );
  }
  requireNotEnrolled(agreement, members);
  const event: CohortEnrolled | CohortBatchEnrolled = isNewCohort
    ? { type: 'CohortEnrolled', data: { cohortId: data.cohortId, name: data.name as string, effectiveFrom, members } }
    : {
        type: 'CohortBatchEnrolled',
        data: { cohortId: data.cohortId, batch: (cohort?.batches ?? 0) + 1, effectiveFrom, members },
      };
  return requireWithinBudget(agreement, [event, ...deathsOfEnrolled(members, effectiveFrom, people)]);
}

function validate(data: EnrollCohort['data'], agreement: ActiveAgreement): EnrolledMember[] {
  const c = new FieldChecks();
  c.pattern(data.cohortId, COHORT_ID_PATTERN, 'cohortId', 'must match ^[a-z0-9][a-z0-9-]{0,63}$');
  if (data.name !== undefined) c.text(data.name, 'name');
  if (data.effectiveFrom !== undefined) c.date(data.effectiveFrom, 'effectiveFrom');
  const rows: readonly MemberRow[] = Array.isArray(data.members) ? data.members : [];
  c.check(rows.length > 0, 'members', `must list 1 to ${MAX_MEMBERS_PER_BATCH} members`);
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const path = `members[${i}]`;
    const first = seen.get(row?.nik);
    if (first === undefined) seen.set(row?.nik, i);
    const problems = memberRowIssues(row, path);
    c.issues.push(...problems.filter((p) => p.path === `${path}.nik`));
    c.check(first === undefined, `${path}.nik`, `duplicates members[${first}] in this batch`);
    c.issues.push(...problems.filter((p) => p.path !== `${path}.nik`));
  });
  rejectIfInvalid(c.issues, 'EnrollCohort');
  return rows.map((row) => ({
    nik: row.nik,
    name: row.name,
    occupation: row.occupation,
    villageCode: row.villageCode,
    declaredIncome: row.declaredIncome ?? agreement.defaultDeclaredIncome,
  }));
}

/**
 * Rules 2 and 3 for one member row, on its own: the NIK's structure, the name, occupation and village code, and
 * the declared income when given. The same checks a batch runs, for tools that check a file before sending it.
 */
export function memberRowIssues(row: Partial<MemberRow> | null | undefined, path: string): ValidationIssue[] {
  const c = new FieldChecks();
  for (const problem of nikProblems(row?.nik)) c.check(false, `${path}.nik`, problem);
  c.text(row?.name, `${path}.name`);
  c.text(row?.occupation, `${path}.occupation`, 100);
  c.pattern(row?.villageCode, VILLAGE_CODE_PATTERN, `${path}.villageCode`, 'must be a village code PP.KK.DD.VVVV');
  if (row?.declaredIncome !== undefined) {
    c.rupiah(row.declaredIncome, `${path}.declaredIncome`, DECLARED_INCOME.min, DECLARED_INCOME.max);
  }
  return c.issues;
}

function requireNotEnrolled(agreement: ActiveAgreement, members: readonly EnrolledMember[]): void {
  const taken = members
    .map((member, row) => ({ row, nik: member.nik, cohortId: agreement.members.get(member.nik)?.cohortId }))
    .filter((entry) => entry.cohortId !== undefined)
    .map(({ row, nik, cohortId }) => ({ path: `members[${row}].nik`, nik, cohortId }));
  if (taken.length > 0) {
    throw new DomainError(
      'MEMBER_ALREADY_ENROLLED',
      `${taken.length} member(s) of the batch are already enrolled in this agreement`,
      taken,
    );
  }
}
