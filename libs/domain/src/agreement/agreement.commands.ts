import type { CalendarDate } from '../shared/calendar-date';
import type { PeopleFacts } from '../person/people-facts';
import type {
  Branch,
  DeathCause,
  FundingSource,
  HeirRelationship,
  MemberDied,
  Pemda,
  Program,
} from './agreement.events';

/** The commands an agreement accepts (API.md "Commands"). Field types are what arrives; the decider checks them. */

export interface SignAgreement {
  readonly type: 'SignAgreement';
  readonly data: {
    readonly agreementId: string;
    readonly pksNumber: string;
    readonly pemda: Pemda;
    readonly branch: Branch;
    readonly signedOn: CalendarDate;
    readonly coverage: { readonly start: CalendarDate; readonly end: CalendarDate };
    readonly programs: readonly Program[];
    readonly funding: { readonly source: FundingSource; readonly budget: number };
    readonly defaultDeclaredIncome?: number;
  };
}

export interface MemberRow {
  readonly nik: string;
  readonly name: string;
  readonly occupation: string;
  readonly villageCode: string;
  readonly declaredIncome?: number;
}

/** Enrols a batch of members: the first batch of a new cohort (`name` given) or the next batch of one. */
export interface EnrollCohort {
  readonly type: 'EnrollCohort';
  readonly data: {
    readonly cohortId: string;
    /** Present for a new cohort, absent for the next batch of an existing one. */
    readonly name?: string;
    readonly effectiveFrom?: CalendarDate;
    readonly members: readonly MemberRow[];
  };
}

export interface ExtendPeriod {
  readonly type: 'ExtendPeriod';
  readonly data: { readonly newEnd: CalendarDate; readonly additionalBudget?: number; readonly reference: string };
}

export interface PayDeathBenefit {
  readonly type: 'PayDeathBenefit';
  readonly data: {
    readonly claimId: string;
    readonly nik: string;
    readonly dateOfDeath: CalendarDate;
    readonly cause: DeathCause;
    readonly heir: { readonly name: string; readonly relationship: HeirRelationship };
    readonly paidOn: CalendarDate;
  };
}

export interface RecordPremiumPayment {
  readonly type: 'RecordPremiumPayment';
  readonly data: {
    readonly paymentId: string;
    readonly amount: number;
    readonly paidOn: CalendarDate;
    readonly reference: string;
  };
}

/** Rule 8: a recorded payment found wrong (a cancelled SP2D) is taken back by a later fact. */
export interface ReversePremiumPayment {
  readonly type: 'ReversePremiumPayment';
  readonly data: { readonly paymentId: string; readonly reversedOn: CalendarDate; readonly reason: string };
}

/**
 * Rule 13: corrects a member's record. `declaredIncome` comes with `incomeFrom`, the first month (`YYYY-MM`) it
 * applies to. `correctedNik` is the right NIK of a member enrolled under a wrong one.
 */
export interface CorrectMember {
  readonly type: 'CorrectMember';
  readonly data: {
    readonly nik: string;
    readonly correctedNik?: string;
    readonly name?: string;
    readonly occupation?: string;
    readonly villageCode?: string;
    readonly declaredIncome?: number;
    readonly incomeFrom?: string;
    readonly reason: string;
  };
}

export interface WithdrawMember {
  readonly type: 'WithdrawMember';
  readonly data: { readonly nik: string; readonly effectiveDate: CalendarDate; readonly reason: string };
}

/** Records in this agreement a death whose benefit was paid under another agreement. */
export interface RecordMemberDeath {
  readonly type: 'RecordMemberDeath';
  readonly data: MemberDied['data'];
}

export interface TerminateAgreement {
  readonly type: 'TerminateAgreement';
  readonly data: { readonly effectiveDate: CalendarDate; readonly reason: string };
}

export type AgreementCommand =
  | SignAgreement
  | EnrollCohort
  | ExtendPeriod
  | PayDeathBenefit
  | RecordPremiumPayment
  | ReversePremiumPayment
  | CorrectMember
  | WithdrawMember
  | RecordMemberDeath
  | TerminateAgreement;

/** What the handler knows that the decider must not find out for itself. */
export interface DecisionContext {
  /** The latest calendar date in Indonesia when the command was accepted (see latestIndonesianDate). */
  readonly today: CalendarDate;
  /**
   * What other agreements know of the people the command names (deaths paid, months covered): given for
   * enrolments and death benefits; none known when absent.
   */
  readonly people?: PeopleFacts;
}
