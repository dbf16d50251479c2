import { DomainError, rejectIfInvalid } from '../../shared/domain-error';
import { FieldChecks } from '../../shared/field-checks';
import type { DecisionContext, PayDeathBenefit } from '../agreement.commands';
import { DEATH_CAUSES, HEIR_RELATIONSHIPS, type DeathBenefitPaid } from '../agreement.events';
import type { AgreementState } from '../agreement.state';
import { coveredMonths, isCoveredOn, memberWindow } from '../coverage';
import { deathBenefit } from '../death-benefit';
import { incomeOn } from '../member-income';
import { requireNotInFuture, requireSigned } from './guards';
import { NO_PEOPLE_FACTS } from '../../person/people-facts';

export const CLAIM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

/**
 * Rule 9 within one agreement: the death lies inside the member's coverage here and not in the future; the
 * benefit is paid once. "Once per person across all agreements" is the person stream's rule (person.decider).
 * A death while covered stays payable after a termination.
 */
export function decidePayDeathBenefit(
  state: AgreementState,
  { data }: PayDeathBenefit,
  { today, people = NO_PEOPLE_FACTS }: DecisionContext,
): DeathBenefitPaid[] {
  const agreement = requireSigned(state);
  validate(data);
  if (agreement.claimIds.has(data.claimId))
    throw new DomainError('CLAIM_EXISTS', `claim ${data.claimId} is already paid`);
  const member = agreement.members.get(data.nik);
  if (member === undefined) throw new DomainError('MEMBER_NOT_FOUND', 'no member with this NIK in the agreement');
  const paid = agreement.benefits.get(data.nik);
  if (paid !== undefined) {
    throw new DomainError(
      'BENEFIT_ALREADY_PAID',
      `the death benefit of this member was paid under claim ${paid.claimId}`,
      { claimId: paid.claimId, agreementId: agreement.agreementId },
    );
  }
  if (people.deathOf(data.nik) !== undefined) {
    // Which agreement paid it is not said: the caller may have no right to know of that agreement.
    throw new DomainError('BENEFIT_ALREADY_PAID', 'the death benefit of this person was already paid, once per person');
  }
  requireNotInFuture(data.dateOfDeath, today, 'dateOfDeath');
  requireNotInFuture(data.paidOn, today, 'paidOn');
  if (data.paidOn < data.dateOfDeath) {
    throw new DomainError('INVALID_PERIOD', 'the benefit cannot be paid before the date of death', {
      dateOfDeath: data.dateOfDeath,
      paidOn: data.paidOn,
    });
  }
  const window = memberWindow(agreement, member);
  if (!isCoveredOn(window, data.dateOfDeath)) {
    throw new DomainError(
      'NOT_COVERED',
      `the member was not covered on ${data.dateOfDeath} (covered ${window.from} to ${window.to})`,
      { dateOfDeath: data.dateOfDeath, coverage: window },
    );
  }
  const months = new Set([
    ...people.monthsCoveredElsewhere(data.nik, data.dateOfDeath),
    ...coveredMonths(window, data.dateOfDeath),
  ]);
  // A JKK benefit is 48 x the income in force when the member died (rule 13 may have corrected it).
  const income = incomeOn(member.declaredIncome, agreement.incomeTimelines.get(data.nik), data.dateOfDeath);
  const benefit = deathBenefit(data.cause, data.dateOfDeath, income, months.size);
  return [
    {
      type: 'DeathBenefitPaid',
      data: {
        claimId: data.claimId,
        nik: data.nik,
        dateOfDeath: data.dateOfDeath,
        cause: data.cause,
        heir: { name: data.heir.name, relationship: data.heir.relationship },
        paidOn: data.paidOn,
        benefit,
      },
    },
  ];
}

function validate(data: PayDeathBenefit['data']): void {
  const c = new FieldChecks();
  c.pattern(data.claimId, CLAIM_ID_PATTERN, 'claimId', 'must be 1-100 letters, digits or . _ / -');
  c.pattern(data.nik, /^\d{16}$/, 'nik', 'must be 16 digits');
  c.date(data.dateOfDeath, 'dateOfDeath');
  c.oneOf(data.cause, DEATH_CAUSES, 'cause');
  c.text(data.heir?.name, 'heir.name');
  c.oneOf(data.heir?.relationship, HEIR_RELATIONSHIPS, 'heir.relationship');
  c.date(data.paidOn, 'paidOn');
  rejectIfInvalid(c.issues, 'PayDeathBenefit');
}
