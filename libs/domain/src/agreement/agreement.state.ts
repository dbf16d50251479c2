import type { CalendarDate } from '../shared/calendar-date';
import type { Nik } from '../shared/nik';
import { PersistentMap } from '../shared/persistent-map';
import type {
  AgreementEvent,
  AgreementSigned,
  Branch,
  DeathBenefitPaid,
  EnrolledMember,
  FundingSource,
  MemberCorrected,
  Pemda,
  PremiumPaymentReversed,
  Program,
} from './agreement.events';
import { endsEarlier, lastDayBefore } from './coverage-window';
import { correctedTimeline, type IncomeTimeline } from './member-income';

/** A member of the agreement as the decider sees it; `declaredIncome` is the income it was enrolled with. */
export interface Member extends EnrolledMember {
  readonly cohortId: string;
  /** First covered day: the effective date of the member's batch. */
  readonly coveredFrom: CalendarDate;
}

export interface Cohort {
  readonly cohortId: string;
  readonly name: string;
  readonly members: number;
  readonly batches: number;
}

export interface PaidBenefit {
  readonly claimId: string;
  readonly nik: Nik;
  readonly dateOfDeath: CalendarDate;
  readonly program: Program;
  readonly total: number;
}

export interface Payment {
  readonly paymentId: string;
  readonly amount: number;
  readonly paidOn: CalendarDate;
  readonly reference: string;
  /** Set once the payment was reversed: it no longer counts as paid. */
  readonly reversal?: { readonly reversedOn: CalendarDate; readonly reason: string };
}

/** What a signed agreement knows, active or terminated. */
export interface AgreementFacts {
  readonly agreementId: string;
  readonly pksNumber: string;
  readonly pemda: Pemda;
  readonly branch: Branch;
  readonly signedOn: CalendarDate;
  readonly start: CalendarDate;
  /** Coverage end as extended. */
  readonly end: CalendarDate;
  readonly programs: readonly Program[];
  readonly fundingSource: FundingSource;
  /** Budget ceiling, rupiah, as raised by extensions. */
  readonly budget: number;
  readonly defaultDeclaredIncome: number;
  readonly cohorts: PersistentMap<string, Cohort>;
  readonly members: PersistentMap<Nik, Member>;
  /**
   * Members counted by (first covered day, declared income): premiums are computed per group, not per member,
   * so that an agreement of 100,000 members is priced in microseconds. Key: `${coveredFrom}|${declaredIncome}`.
   */
  readonly coverageGroups: ReadonlyMap<string, number>;
  /** Last covered day of members whose coverage ended early (death or withdrawal), by NIK. */
  readonly earlyExits: PersistentMap<Nik, CalendarDate>;
  readonly benefits: PersistentMap<Nik, PaidBenefit>;
  readonly claimIds: PersistentMap<string, Nik>;
  readonly withdrawals: PersistentMap<Nik, CalendarDate>;
  /** Declared incomes corrected from a month on (rule 13), by NIK; members never corrected have none. */
  readonly incomeTimelines: PersistentMap<Nik, IncomeTimeline>;
  readonly payments: PersistentMap<string, Payment>;
  /** Payments recorded and not reversed, rupiah. */
  readonly paidPremium: number;
  readonly benefitsTotal: number;
}

export interface NoAgreement {
  readonly status: 'none';
}

export interface ActiveAgreement extends AgreementFacts {
  readonly status: 'active';
}

export interface TerminatedAgreement extends AgreementFacts {
  readonly status: 'terminated';
  readonly termination: { readonly effectiveDate: CalendarDate; readonly reason: string };
}

/** An agreement's state folded from its events. "Expired" is not a state: it depends on today's date. */
export type AgreementState = NoAgreement | ActiveAgreement | TerminatedAgreement;
export type SignedAgreement = ActiveAgreement | TerminatedAgreement;

export const initialAgreementState: AgreementState = { status: 'none' };

export function coverageGroupKey(coveredFrom: CalendarDate, declaredIncome: number): string {
  return `${coveredFrom}|${declaredIncome}`;
}

/**
 * What the last fold of a list of events made of which state, by the list: a decision prices its events by folding
 * them (rule 6's budget check), and the handler folds the same list onto the same state again for its cache once
 * they are appended (a 5,000-member enrolment folded twice). States and events are never modified, so the same
 * list onto the same state always gives the same state; any other state is folded anew.
 */
const folds = new WeakMap<readonly AgreementEvent[], { readonly from: AgreementState; readonly to: AgreementState }>();

/** Folds the events, in order, into the state. Pure: the given state is never modified. */
export function foldEvents(state: AgreementState, events: readonly AgreementEvent[]): AgreementState {
  const known = folds.get(events);
  if (known !== undefined && known.from === state) return known.to;
  const to = events.reduce(evolve, state);
  folds.set(events, { from: state, to });
  return to;
}

/** Folds one event into the state. Pure: the given state is never modified. */
export function evolve(state: AgreementState, event: AgreementEvent): AgreementState {
  if (event.type === 'AgreementSigned') return signed(event);
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CohortEnrolled':
    case 'CohortBatchEnrolled':
      return enrolled(
        state,
        event.data.cohortId,
        event.data.effectiveFrom,
        event.data.members,
        event.type === 'CohortEnrolled' ? event.data.name : undefined,
      );
    case 'PeriodExtended':
      return { ...state, end: event.data.newEnd, budget: event.data.budget };
    case 'DeathBenefitPaid':
      return died(state, event);
    case 'PremiumPaymentRecorded':
      return {
        ...state,
        payments: state.payments.set(event.data.paymentId, event.data),
        paidPremium: state.paidPremium + event.data.amount,
      };
    case 'PremiumPaymentReversed':
      return reversed(state, event);
    case 'MemberCorrected':
      return corrected(state, event);
    case 'MemberWithdrawn':
      return {
        ...state,
        withdrawals: state.withdrawals.set(event.data.nik, event.data.effectiveDate),
        earlyExits: exitOn(state, event.data.nik, lastDayBefore(event.data.effectiveDate)),
      };
    case 'MemberDied':
      return { ...state, earlyExits: exitOn(state, event.data.nik, event.data.dateOfDeath) };
    case 'AgreementTerminated':
      return { ...state, status: 'terminated', termination: event.data };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/** Folds a history from the initial state. */
export function foldAgreement(events: Iterable<AgreementEvent>, from: AgreementState = initialAgreementState) {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

function signed({ data }: AgreementSigned): ActiveAgreement {
  return {
    status: 'active',
    agreementId: data.agreementId,
    pksNumber: data.pksNumber,
    pemda: data.pemda,
    branch: data.branch,
    signedOn: data.signedOn,
    start: data.coverage.start,
    end: data.coverage.end,
    programs: data.programs,
    fundingSource: data.funding.source,
    budget: data.funding.budget,
    defaultDeclaredIncome: data.defaultDeclaredIncome,
    cohorts: PersistentMap.empty(),
    members: PersistentMap.empty(),
    coverageGroups: new Map(),
    earlyExits: PersistentMap.empty(),
    benefits: PersistentMap.empty(),
    claimIds: PersistentMap.empty(),
    withdrawals: PersistentMap.empty(),
    incomeTimelines: PersistentMap.empty(),
    payments: PersistentMap.empty(),
    paidPremium: 0,
    benefitsTotal: 0,
  };
}

function enrolled<S extends SignedAgreement>(
  state: S,
  cohortId: string,
  coveredFrom: CalendarDate,
  batch: readonly EnrolledMember[],
  name?: string,
): S {
  const groups = new Map(state.coverageGroups);
  for (const member of batch) {
    const key = coverageGroupKey(coveredFrom, member.declaredIncome);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const cohort = state.cohorts.get(cohortId);
  return {
    ...state,
    cohorts: state.cohorts.set(cohortId, {
      cohortId,
      name: cohort?.name ?? name ?? cohortId,
      members: (cohort?.members ?? 0) + batch.length,
      batches: (cohort?.batches ?? 0) + 1,
    }),
    members: state.members.setMany(batch.map((m) => [m.nik, memberOf(m, cohortId, coveredFrom)] as const)),
    coverageGroups: groups,
  };
}

/**
 * An object literal with every field in one order, so that all cached members share one hidden class: a spread
 * (`{ ...m, cohortId, coveredFrom }`) gives each its own, at more than twice the memory (issue 14).
 */
function memberOf(m: EnrolledMember, cohortId: string, coveredFrom: CalendarDate): Member {
  return {
    nik: m.nik,
    name: m.name,
    occupation: sharedText(m.occupation),
    villageCode: sharedText(m.villageCode),
    declaredIncome: m.declaredIncome,
    cohortId,
    coveredFrom,
  };
}

/**
 * The one copy kept of a text many members share (an occupation, a village code): each parsed event holds its
 * own copy of every value, and a cached state of 3,000,000 members held 6,000,000 copies of a few thousand texts.
 * A memo: which copy a member holds changes nothing but memory. Bounded: emptied when full.
 */
function sharedText(text: string): string {
  const known = SHARED_TEXTS.get(text);
  if (known !== undefined) return known;
  if (SHARED_TEXTS.size >= MAX_SHARED_TEXTS) SHARED_TEXTS.clear();
  SHARED_TEXTS.set(text, text);
  return text;
}

const SHARED_TEXTS = new Map<string, string>();
/** More than the villages of Indonesia (about 84,000) and their occupations. */
const MAX_SHARED_TEXTS = 100_000;

function died<S extends SignedAgreement>(state: S, { data }: DeathBenefitPaid): S {
  const benefit: PaidBenefit = {
    claimId: data.claimId,
    nik: data.nik,
    dateOfDeath: data.dateOfDeath,
    program: data.benefit.program,
    total: data.benefit.total,
  };
  return {
    ...state,
    benefits: state.benefits.set(data.nik, benefit),
    claimIds: state.claimIds.set(data.claimId, data.nik),
    earlyExits: exitOn(state, data.nik, data.dateOfDeath),
    benefitsTotal: state.benefitsTotal + data.benefit.total,
  };
}

function reversed<S extends SignedAgreement>(state: S, { data }: PremiumPaymentReversed): S {
  const payment = state.payments.get(data.paymentId);
  if (payment === undefined) throw new Error(`corrupt history: reversal of unknown payment ${data.paymentId}`);
  const reversal = { reversedOn: data.reversedOn, reason: data.reason };
  return {
    ...state,
    payments: state.payments.set(data.paymentId, { ...payment, reversal }),
    paidPremium: state.paidPremium - payment.amount,
  };
}

function corrected<S extends SignedAgreement>(state: S, { data }: MemberCorrected): S {
  const member = state.members.get(data.nik);
  if (member === undefined) throw new Error(`corrupt history: correction of unknown member ${data.nik}`);
  // Built as every member is (memberOf), not spread: the same hidden class, the texts shared.
  const next = memberOf(
    {
      nik: member.nik,
      name: data.name === undefined ? member.name : data.name,
      occupation: data.occupation === undefined ? member.occupation : data.occupation,
      villageCode: data.villageCode === undefined ? member.villageCode : data.villageCode,
      declaredIncome: member.declaredIncome,
    },
    member.cohortId,
    member.coveredFrom,
  );
  const timelines =
    data.income === undefined
      ? state.incomeTimelines
      : state.incomeTimelines.set(
          data.nik,
          correctedTimeline(member.declaredIncome, state.incomeTimelines.get(data.nik), data.income),
        );
  return { ...state, members: state.members.set(data.nik, next), incomeTimelines: timelines };
}

/** Records the earliest early end of a member's coverage. */
function exitOn(state: SignedAgreement, nik: Nik, lastDay: CalendarDate): PersistentMap<Nik, CalendarDate> {
  return endsEarlier(lastDay, state.earlyExits.get(nik)) ? state.earlyExits.set(nik, lastDay) : state.earlyExits;
}
