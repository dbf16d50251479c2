import type { CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain-error';
import { DEATH_BENEFIT_SCHEDULE, inForceOn } from '../shared/schedules';
import type { DeathBenefit, DeathCause } from './agreement.events';

/**
 * Rule 9: the death benefit by the schedule in force on the date of death. A death from a work accident is paid
 * under JKK (48 x declared income + periodic + funeral), any other death under JKM; never both.
 * Scholarship: always under JKK; under JKM only with enough contribution months.
 */
export function deathBenefit(
  cause: DeathCause,
  dateOfDeath: CalendarDate,
  declaredIncome: number,
  contributionMonths: number,
): DeathBenefit {
  const rate = inForceOn(DEATH_BENEFIT_SCHEDULE, dateOfDeath);
  if (rate === undefined) throw new DomainError('INVALID_PERIOD', `no death benefit is scheduled for ${dateOfDeath}`);
  const { maxChildren, jkmMinContributionMonths } = rate.scholarship;
  const scholarship = { maxChildren, contributionMonths };
  if (cause === 'work-accident') {
    const components = {
      deathCompensation: rate.jkk.incomeMultiple * declaredIncome,
      periodic: rate.jkk.periodic,
      funeral: rate.jkk.funeral,
    };
    return {
      program: 'JKK',
      components,
      total: sum(components),
      scholarshipEligible: true,
      scholarship,
      scheduleBasis: rate.basis,
    };
  }
  const components = { lumpSum: rate.jkm.lumpSum, periodic: rate.jkm.periodic, funeral: rate.jkm.funeral };
  const scholarshipEligible = jkmMinContributionMonths !== null && contributionMonths >= jkmMinContributionMonths;
  return {
    program: 'JKM',
    components,
    total: sum(components),
    scholarshipEligible,
    scholarship,
    scheduleBasis: rate.basis,
  };
}

function sum(components: Record<string, number>): number {
  return Object.values(components).reduce((a, b) => a + b, 0);
}
