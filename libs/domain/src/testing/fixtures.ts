import type { PaidDeath, PeopleFacts } from '../person/people-facts';
import type { CorrectMember, DecisionContext, MemberRow, SignAgreement } from '../agreement/agreement.commands';
import { agreementDecider } from '../agreement/agreement.decider';
import type {
  AgreementEvent,
  AgreementSigned,
  CohortBatchEnrolled,
  CohortEnrolled,
  DeathBenefitPaid,
  EnrolledMember,
} from '../agreement/agreement.events';
import { foldAgreement, type SignedAgreement } from '../agreement/agreement.state';
import type { CalendarDate } from '../shared/calendar-date';
import { deciderSpecification } from './decider-specification';

/**
 * The real agreements of DOMAIN.md as data. Region codes, dates and head counts are the published ones; PKS
 * numbers, branches and budgets are not published and are illustrative.
 */

/** Contribution per person-month at the default income: JKK 1% of Rp1,000,000 + JKM Rp6,800. */
export const DEFAULT_MONTHLY_CONTRIBUTION = 10_000 + 6_800;

/** Sumba Barat Daya: signed 2025-10-28, coverage from 2025-10-01 (retroactive) to 2025-12-31, 5,600 workers. */
export const SUMBA_BARAT_DAYA: SignAgreement['data'] = {
  agreementId: 'sumba-barat-daya-2025',
  pksNumber: 'PKS/53.18/X/2025',
  pemda: { regionCode: '53.18', name: 'Kabupaten Sumba Barat Daya' },
  branch: { code: 'KCP-TAMBOLAKA', name: 'BPJS Ketenagakerjaan KCP Tambolaka' },
  signedOn: '2025-10-28',
  coverage: { start: '2025-10-01', end: '2025-12-31' },
  programs: ['JKK', 'JKM'],
  // Assumed: the ceiling is exactly the premium of its 5,600 workers for 3 months (rule 5's Rp282,240,000).
  funding: { source: 'APBD', budget: 5_600 * 3 * DEFAULT_MONTHLY_CONTRIBUTION },
};
export const SUMBA_WORKERS = 5_600;

/** Luwu Timur (73.24), whose fishers' heirs received Rp42,000,000 each; the period is illustrative. */
export const LUWU_TIMUR: SignAgreement['data'] = {
  agreementId: 'luwu-timur-2025',
  pksNumber: 'PKS/73.24/I/2025',
  pemda: { regionCode: '73.24', name: 'Kabupaten Luwu Timur' },
  branch: { code: 'KCP-MALILI', name: 'BPJS Ketenagakerjaan KCP Malili' },
  signedOn: '2024-12-20',
  coverage: { start: '2025-01-01', end: '2025-12-31' },
  programs: ['JKK', 'JKM'],
  funding: { source: 'APBD', budget: 1_000_000_000 },
};

/** An agreement of 2019, to reach the benefit schedule in force before 2019-12-02 (PP 44/2015). */
export const BEFORE_PP_82_2019: SignAgreement['data'] = {
  ...LUWU_TIMUR,
  agreementId: 'luwu-timur-2019',
  pksNumber: 'PKS/73.24/VI/2019',
  signedOn: '2019-06-20',
  coverage: { start: '2019-07-01', end: '2019-12-31' },
};

/** Today in the tests, unless a test says otherwise: after every signature above. */
export const TODAY: DecisionContext = { today: '2025-11-10' };

/** What other agreements know of people, as the handler would gather it from the index. */
export function peopleFacts(known: {
  deaths?: Record<string, PaidDeath>;
  monthsElsewhere?: Record<string, readonly string[]>;
}): PeopleFacts {
  return {
    deathOf: (nik) => known.deaths?.[nik],
    monthsCoveredElsewhere: (nik, upTo) => (known.monthsElsewhere?.[nik] ?? []).filter((m) => m <= upTo.slice(0, 7)),
  };
}

/** given(history).when(command, context?).then(events) / .thenThrows(code, details?) for agreements. */
export const given = deciderSpecification(agreementDecider, TODAY);

/**
 * A valid NIK, deterministic and distinct for every index below 989,901: province/regency of the options,
 * district and serial from the index, a birth date that exists, 40 added to the day for women.
 */
export function nik(index: number, options: { woman?: boolean; region?: string } = {}): string {
  const serial = (index % 9_999) + 1;
  const district = Math.floor(index / 9_999) + 1;
  if (district > 99) throw new Error(`nik(${index}): index too large`);
  const day = (index % 28) + 1 + (options.woman ? 40 : 0);
  const month = (index % 12) + 1;
  return `${options.region ?? '5318'}${two(district)}${two(day)}${two(month)}85${String(serial).padStart(4, '0')}`;
}

/** `count` member rows with NIKs nik(first) .. nik(first + count - 1), at the agreement's default income. */
export function members(count: number, first = 0, declaredIncome?: number): MemberRow[] {
  const occupations = ['petani', 'nelayan', 'peternak', 'buruh harian lepas', 'pedagang kecil'];
  return Array.from({ length: count }, (_, i) => ({
    nik: nik(first + i),
    name: `Pekerja ${first + i}`,
    occupation: occupations[(first + i) % occupations.length],
    villageCode: '53.18.01.2001',
    ...(declaredIncome === undefined ? {} : { declaredIncome }),
  }));
}

/** Member rows as the events carry them: the declared income resolved. */
export function asEnrolled(rows: readonly MemberRow[], defaultIncome = 1_000_000): EnrolledMember[] {
  return rows.map((row) => ({
    nik: row.nik,
    name: row.name,
    occupation: row.occupation,
    villageCode: row.villageCode,
    declaredIncome: row.declaredIncome ?? defaultIncome,
  }));
}

export function agreementSigned(data: SignAgreement['data'] = SUMBA_BARAT_DAYA): AgreementSigned {
  return {
    type: 'AgreementSigned',
    data: { ...data, defaultDeclaredIncome: data.defaultDeclaredIncome ?? 1_000_000 },
  };
}

export function cohortEnrolled(
  cohortId: string,
  name: string,
  rows: readonly MemberRow[],
  effectiveFrom: CalendarDate = '2025-10-01',
): CohortEnrolled {
  return { type: 'CohortEnrolled', data: { cohortId, name, effectiveFrom, members: asEnrolled(rows) } };
}

export function cohortBatchEnrolled(
  cohortId: string,
  batch: number,
  rows: readonly MemberRow[],
  effectiveFrom: CalendarDate = '2025-10-01',
): CohortBatchEnrolled {
  return { type: 'CohortBatchEnrolled', data: { cohortId, batch, effectiveFrom, members: asEnrolled(rows) } };
}

/** Sumba Barat Daya with its 5,600 workers enrolled from the start: a batch of 5,000 and one of 600. */
export function sumbaFullyEnrolled(): AgreementEvent[] {
  return [
    agreementSigned(),
    cohortEnrolled('pekerja-rentan', 'Pekerja Rentan Sumba Barat Daya', members(5_000)),
    cohortBatchEnrolled('pekerja-rentan', 2, members(SUMBA_WORKERS - 5_000, 5_000)),
  ];
}

/** Luwu Timur, 10 fishers covered all of 2025: 10 x 12 x Rp16,800 = Rp2,016,000 expected. */
export function luwuTimur(): AgreementEvent[] {
  return [agreementSigned(LUWU_TIMUR), cohortEnrolled('nelayan', 'Nelayan Luwu Timur', members(10), '2025-01-01')];
}

/** Rule 13: a correction of one member, with the reason the village gave. */
export function correct(memberNik: string, fields: Partial<CorrectMember['data']>): CorrectMember {
  return { type: 'CorrectMember', data: { nik: memberNik, reason: 'data desa diperbaiki', ...fields } };
}

/** The fact a correction of the declared income records. */
export function incomeCorrected(memberNik: string, declaredIncome: number, fromMonth: string): AgreementEvent {
  return {
    type: 'MemberCorrected',
    data: { nik: memberNik, income: { declaredIncome, fromMonth }, reason: 'data desa diperbaiki' },
  };
}

/** A JKM death benefit paid at Rp42,000,000 (the schedule from 2019-12-02), as a fact of the history. */
export function naturalDeathPaid(
  memberNik: string,
  dateOfDeath: CalendarDate,
  claimId = `klaim-${memberNik}`,
): DeathBenefitPaid {
  return {
    type: 'DeathBenefitPaid',
    data: {
      claimId,
      nik: memberNik,
      dateOfDeath,
      cause: 'natural',
      heir: { name: 'Ahli Waris', relationship: 'spouse' },
      paidOn: dateOfDeath,
      benefit: {
        program: 'JKM',
        components: { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 },
        total: 42_000_000,
        scholarshipEligible: false,
        scholarship: { maxChildren: 2, contributionMonths: 1 },
        scheduleBasis: 'PP 82/2019',
      },
    },
  };
}

/** The state folded from a history that signs an agreement. */
export function signedState(events: readonly AgreementEvent[]): SignedAgreement {
  const state = foldAgreement(events);
  if (state.status === 'none') throw new Error('the history signs no agreement');
  return state;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}
