import type { CalendarDate } from './calendar-date';

/**
 * Dated schedules: contribution rates and benefit amounts are data that change by regulation. Each entry is
 * in force from its `effectiveFrom` until the next entry's. Add an entry to change a rate; never edit a past one.
 */
export interface Dated {
  readonly effectiveFrom: CalendarDate;
  /** The regulation that set the entry. */
  readonly basis: string;
}

/** The entry of a schedule in force on a date, or undefined when the date precedes the whole schedule. */
export function inForceOn<T extends Dated>(schedule: readonly T[], date: CalendarDate): T | undefined {
  let found: T | undefined;
  for (const entry of schedule) if (entry.effectiveFrom <= date) found = entry;
  return found;
}

/**
 * Monthly contribution of a non-wage (BPU) worker funded by a Pemda: JKK as a share of declared income, JKM a
 * flat amount. The 2026 BPU discount is for self-paying workers and does not apply to budget-funded agreements,
 * so it has no entry here.
 */
export interface ContributionRate extends Dated {
  /** JKK rate in basis points of declared monthly income (100 = 1%). */
  readonly jkkBasisPoints: number;
  /** JKM contribution per person-month, rupiah. */
  readonly jkmMonthly: number;
}

export const CONTRIBUTION_SCHEDULE: readonly ContributionRate[] = [
  { effectiveFrom: '2015-07-01', basis: 'PP 44/2015', jkkBasisPoints: 100, jkmMonthly: 6_800 },
];

/** Death benefit amounts and scholarship rules in force on a date of death. */
export interface DeathBenefitRate extends Dated {
  /** Death not caused by work. */
  readonly jkm: { readonly lumpSum: number; readonly periodic: number; readonly funeral: number };
  /** Death from a work accident: `incomeMultiple` x declared monthly income, plus periodic and funeral. */
  readonly jkk: { readonly incomeMultiple: number; readonly periodic: number; readonly funeral: number };
  readonly scholarship: {
    /** Children who may receive a scholarship. */
    readonly maxChildren: number;
    /** Contribution months a JKM death needs for scholarship eligibility; null: JKM never qualifies. */
    readonly jkmMinContributionMonths: number | null;
  };
}

export const DEATH_BENEFIT_SCHEDULE: readonly DeathBenefitRate[] = [
  {
    effectiveFrom: '2015-07-01',
    basis: 'PP 44/2015',
    jkm: { lumpSum: 16_200_000, periodic: 4_800_000, funeral: 3_000_000 },
    jkk: { incomeMultiple: 48, periodic: 4_800_000, funeral: 3_000_000 },
    scholarship: { maxChildren: 1, jkmMinContributionMonths: null },
  },
  {
    effectiveFrom: '2019-12-02',
    basis: 'PP 82/2019',
    jkm: { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
    jkk: { incomeMultiple: 48, periodic: 12_000_000, funeral: 10_000_000 },
    scholarship: { maxChildren: 2, jkmMinContributionMonths: 36 },
  },
];

/** Declared monthly income of a member: the default and the allowed range, rupiah. */
export const DECLARED_INCOME = { default: 1_000_000, min: 1_000_000, max: 20_700_000 } as const;

/** Most members one enrolment batch may carry. */
export const MAX_MEMBERS_PER_BATCH = 5_000;
