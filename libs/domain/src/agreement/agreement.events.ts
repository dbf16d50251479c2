import type { CalendarDate, CalendarMonth } from '../shared/calendar-date';
import type { Nik } from '../shared/nik';

/**
 * The events of an agreement's stream. They are a persisted contract: never rename a type or reshape its data;
 * add a new schema version and an upcaster (agreement.upcasters.ts) instead.
 */

/** Kemendagri region: `PP` (province) or `PP.KK` (regency / city). */
export interface Pemda {
  readonly regionCode: string;
  readonly name: string;
}

/** A BPJS Ketenagakerjaan branch office. */
export interface Branch {
  readonly code: string;
  readonly name: string;
}

/** JKK: work-accident protection. JKM: death protection (death not caused by work). */
export type Program = 'JKK' | 'JKM';
export const PROGRAMS: readonly Program[] = ['JKK', 'JKM'];

/** Budget that pays the premiums: the regional budget, its amendment, a village budget, or other. */
export type FundingSource = 'APBD' | 'APBD-P' | 'APBDes' | 'OTHER';
export const FUNDING_SOURCES: readonly FundingSource[] = ['APBD', 'APBD-P', 'APBDes', 'OTHER'];

export type DeathCause = 'natural' | 'work-accident';
export const DEATH_CAUSES: readonly DeathCause[] = ['natural', 'work-accident'];

/** Who receives a death benefit ("ahli waris"). */
export type HeirRelationship =
  'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'parent-in-law' | 'will-appointee';
export const HEIR_RELATIONSHIPS: readonly HeirRelationship[] = [
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'parent-in-law',
  'will-appointee',
];

/** A worker as enrolled: the declared income is resolved (the agreement's default applied). */
export interface EnrolledMember {
  readonly nik: Nik;
  readonly name: string;
  readonly occupation: string;
  readonly villageCode: string;
  readonly declaredIncome: number;
}

export interface AgreementSigned {
  readonly type: 'AgreementSigned';
  readonly data: {
    readonly agreementId: string;
    readonly pksNumber: string;
    readonly pemda: Pemda;
    readonly branch: Branch;
    readonly signedOn: CalendarDate;
    readonly coverage: { readonly start: CalendarDate; readonly end: CalendarDate };
    readonly programs: readonly Program[];
    readonly funding: { readonly source: FundingSource; readonly budget: number };
    readonly defaultDeclaredIncome: number;
  };
}

/** The first batch of a cohort: names the cohort. */
export interface CohortEnrolled {
  readonly type: 'CohortEnrolled';
  readonly data: {
    readonly cohortId: string;
    readonly name: string;
    readonly effectiveFrom: CalendarDate;
    readonly members: readonly EnrolledMember[];
  };
}

/** A later batch of an existing cohort; `batch` counts the cohort's batches from 1 (the CohortEnrolled). */
export interface CohortBatchEnrolled {
  readonly type: 'CohortBatchEnrolled';
  readonly data: {
    readonly cohortId: string;
    readonly batch: number;
    readonly effectiveFrom: CalendarDate;
    readonly members: readonly EnrolledMember[];
  };
}

export interface PeriodExtended {
  readonly type: 'PeriodExtended';
  readonly data: {
    readonly previousEnd: CalendarDate;
    readonly newEnd: CalendarDate;
    /** Budget added by the extension (0 when none); `budget` is the ceiling after it. */
    readonly additionalBudget: number;
    readonly budget: number;
    readonly reference: string;
  };
}

export type BenefitComponents =
  | { readonly lumpSum: number; readonly periodic: number; readonly funeral: number }
  | { readonly deathCompensation: number; readonly periodic: number; readonly funeral: number };

/** The benefit as computed from the schedule in force on the date of death. */
export interface DeathBenefit {
  readonly program: Program;
  readonly components: BenefitComponents;
  readonly total: number;
  readonly scholarshipEligible: boolean;
  readonly scholarship: {
    readonly maxChildren: number;
    /** Distinct months of coverage recorded for the person up to the month of death, across agreements. */
    readonly contributionMonths: number;
  };
  /** The regulation of the schedule entry applied. */
  readonly scheduleBasis: string;
}

export interface DeathBenefitPaid {
  readonly type: 'DeathBenefitPaid';
  readonly data: {
    readonly claimId: string;
    readonly nik: Nik;
    readonly dateOfDeath: CalendarDate;
    readonly cause: DeathCause;
    readonly heir: { readonly name: string; readonly relationship: HeirRelationship };
    readonly paidOn: CalendarDate;
    readonly benefit: DeathBenefit;
  };
}

export interface PremiumPaymentRecorded {
  readonly type: 'PremiumPaymentRecorded';
  readonly data: {
    readonly paymentId: string;
    readonly amount: number;
    readonly paidOn: CalendarDate;
    readonly reference: string;
  };
}

/**
 * A recorded payment found wrong (a cancelled SP2D): it no longer counts as paid, and stays in the history.
 * `amount` repeats the payment's, so that a reader of the reversal alone knows what it takes back.
 */
export interface PremiumPaymentReversed {
  readonly type: 'PremiumPaymentReversed';
  readonly data: {
    readonly paymentId: string;
    readonly amount: number;
    readonly reversedOn: CalendarDate;
    readonly reason: string;
  };
}

/** The reason a withdrawal carries when it takes back a wrong NIK, enrolled again under the right one. */
export const NIK_CORRECTION = 'nik-correction';

/**
 * A member's record corrected (rule 13): only the fields given change. A declared income is corrected from a
 * month on; the months before keep the income they had. For a NIK corrected, the wrong NIK was withdrawn (reason
 * `nik-correction`) and the right one enrolled in the same append, and this event links the two.
 */
export interface MemberCorrected {
  readonly type: 'MemberCorrected';
  readonly data: {
    readonly nik: Nik;
    readonly name?: string;
    readonly occupation?: string;
    readonly villageCode?: string;
    readonly income?: { readonly declaredIncome: number; readonly fromMonth: CalendarMonth };
    /** The wrong NIK this member's enrolment replaces. */
    readonly correctsNik?: Nik;
    readonly reason: string;
  };
}

/** The member's last covered day is the day before `effectiveDate`. */
export interface MemberWithdrawn {
  readonly type: 'MemberWithdrawn';
  readonly data: { readonly nik: Nik; readonly effectiveDate: CalendarDate; readonly reason: string };
}

/**
 * A member of this agreement died, and the death benefit was paid under another agreement (rule 9 pays it once
 * per person). Coverage here ends on the date of death too (rule 2), so later months are no longer due.
 */
export interface MemberDied {
  readonly type: 'MemberDied';
  readonly data: {
    readonly nik: Nik;
    readonly dateOfDeath: CalendarDate;
    readonly benefitAgreementId: string;
    readonly benefitClaimId: string;
  };
}

/** The agreement's last covered day is the day before `effectiveDate`. */
export interface AgreementTerminated {
  readonly type: 'AgreementTerminated';
  readonly data: { readonly effectiveDate: CalendarDate; readonly reason: string };
}

export type AgreementEvent =
  | AgreementSigned
  | CohortEnrolled
  | CohortBatchEnrolled
  | PeriodExtended
  | DeathBenefitPaid
  | PremiumPaymentRecorded
  | PremiumPaymentReversed
  | MemberWithdrawn
  | MemberDied
  | MemberCorrected
  | AgreementTerminated;

export type AgreementEventType = AgreementEvent['type'];

/** Current schema version of each event type's data. */
export const AGREEMENT_EVENT_SCHEMA_VERSIONS: Readonly<Record<AgreementEventType, number>> = {
  AgreementSigned: 1,
  CohortEnrolled: 1,
  CohortBatchEnrolled: 1,
  PeriodExtended: 1,
  DeathBenefitPaid: 1,
  PremiumPaymentRecorded: 1,
  PremiumPaymentReversed: 1,
  MemberWithdrawn: 1,
  MemberDied: 1,
  MemberCorrected: 1,
  AgreementTerminated: 1,
};
