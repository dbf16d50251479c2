import {
  addDays,
  AGREEMENT_EVENT_SCHEMA_VERSIONS,
  deathBenefit,
  PROVINCE_CODES,
  type AgreementEvent,
  type EnrolledMember,
} from '../../libs/domain/src';
import { Random } from './random';

/**
 * A national dataset at a chosen scale, deterministic for a seed: Pemda from the 38 provinces and their
 * regencies, agreements with cohorts of 500 to 100,402 members enrolled in village-sized batches, valid NIKs
 * (some workers covered by both a province and one of its regencies), deaths, payments, extensions and
 * withdrawals. Events are produced in a valid order per agreement (the generator keeps the rules by
 * construction; it does not run the decider, to stay fast at 3 million members).
 */
export interface DatasetSize {
  readonly agreements: number;
  readonly members: number;
  /** Members per enrolment batch: village-sized (a lembang, a desa). */
  readonly batch: { readonly min: number; readonly max: number };
}

export const SIZES: Record<string, DatasetSize> = {
  small: { agreements: 12, members: 10_000, batch: { min: 20, max: 400 } },
  medium: { agreements: 100, members: 300_000, batch: { min: 1, max: 5 } },
  large: { agreements: 1_000, members: 3_000_000, batch: { min: 1, max: 5 } },
};

export interface GeneratedEvent {
  readonly streamId: string;
  readonly event: AgreementEvent;
}

const PROVINCES = [...PROVINCE_CODES];
const OCCUPATIONS = [
  'petani',
  'nelayan',
  'peternak',
  'buruh harian lepas',
  'pedagang kecil',
  'kader posyandu',
  'linmas',
];
const START = '2025-01-01';
const END = '2025-12-31';
const MONTHLY = 16_800;

/** Every event of the dataset, agreement by agreement. */
export function* nationalDataset(size: DatasetSize, seed = 20251028): Generator<GeneratedEvent> {
  const random = new Random(seed);
  const perAgreement = splitMembers(size, random);
  let nikIndex = 0;
  const provinceMembers = new Map<string, EnrolledMember[]>();
  for (let a = 0; a < size.agreements; a++) {
    const province = PROVINCES[a % PROVINCES.length];
    const isProvince = a < PROVINCES.length;
    const region = isProvince ? province : `${province}.${String(random.int(1, 40)).padStart(2, '0')}`;
    const id = `pks-${String(a).padStart(4, '0')}-${region.replace('.', '')}`;
    const streamId = `agreement-${id}`;
    const count = perAgreement[a];
    const emit = (event: AgreementEvent): GeneratedEvent => ({ streamId, event });
    yield emit({
      type: 'AgreementSigned',
      data: {
        agreementId: id,
        pksNumber: `PKS/${region}/${a}/2025`,
        pemda: { regionCode: region, name: `Pemda ${region}` },
        branch: { code: `KC${province}`, name: `Kantor Cabang ${province}` },
        signedOn: '2024-12-20',
        coverage: { start: START, end: '2025-06-30' },
        programs: ['JKK', 'JKM'],
        funding: { source: a % 5 === 0 ? 'APBD-P' : 'APBD', budget: count * 6 * MONTHLY * 2 },
        defaultDeclaredIncome: 1_000_000,
      },
    });
    const enrolled: EnrolledMember[] = [];
    const shared = isProvince ? [] : (provinceMembers.get(province) ?? []).filter(() => random.chance(0.01));
    for (let first = 0, batchNo = 1; first < count; batchNo++) {
      const n = Math.min(random.int(size.batch.min, size.batch.max), count - first);
      const members: EnrolledMember[] = [];
      for (let i = 0; i < n; i++) {
        const reused = first + i < shared.length ? shared[first + i] : undefined;
        members.push(reused ?? member(nikIndex++, province, random));
      }
      enrolled.push(...members);
      first += n;
      yield emit(
        batchNo === 1
          ? {
              type: 'CohortEnrolled',
              data: { cohortId: 'pekerja-rentan', name: 'Pekerja Rentan', effectiveFrom: START, members },
            }
          : {
              type: 'CohortBatchEnrolled',
              data: { cohortId: 'pekerja-rentan', batch: batchNo, effectiveFrom: START, members },
            },
      );
    }
    if (isProvince) provinceMembers.set(province, enrolled);
    yield* lifeOf(id, enrolled, random).map(emit);
  }
}

/** Payments, an extension, deaths and withdrawals of one agreement, in date order. */
function lifeOf(id: string, members: EnrolledMember[], random: Random): AgreementEvent[] {
  const events: AgreementEvent[] = [];
  const budget = members.length * 6 * MONTHLY;
  for (let month = 1; month <= 6; month++) {
    events.push({
      type: 'PremiumPaymentRecorded',
      data: {
        paymentId: `sp2d-${id}-${month}`,
        amount: Math.round(budget / 6),
        paidOn: `2025-${String(month).padStart(2, '0')}-15`,
        reference: `SP2D ${month}/2025`,
      },
    });
  }
  events.push({
    type: 'PeriodExtended',
    data: {
      previousEnd: '2025-06-30',
      newEnd: END,
      additionalBudget: budget * 2,
      budget: budget * 4,
      reference: 'APBD-P 2025',
    },
  });
  for (let i = 0; i < members.length; i++) {
    if (random.chance(0.003)) {
      const dateOfDeath = addDays(START, random.int(0, 330));
      const cause = random.chance(0.2) ? 'work-accident' : 'natural';
      events.push({
        type: 'DeathBenefitPaid',
        data: {
          claimId: `claim-${id}-${i}`,
          nik: members[i].nik,
          dateOfDeath,
          cause,
          heir: { name: `Ahli waris ${i}`, relationship: 'spouse' },
          paidOn: addDays(dateOfDeath, 3),
          benefit: deathBenefit(cause, dateOfDeath, members[i].declaredIncome, 12),
        },
      });
    } else if (random.chance(0.005)) {
      events.push({
        type: 'MemberWithdrawn',
        data: {
          nik: members[i].nik,
          effectiveDate: addDays(START, random.int(30, 330)),
          reason: 'menjadi pekerja penerima upah',
        },
      });
    }
  }
  return events;
}

function member(index: number, province: string, random: Random): EnrolledMember {
  const serial = (index % 9_999) + 1;
  const district = (Math.floor(index / 9_999) % 99) + 1;
  const day = (Math.floor(index / 989_901) % 28) + 1 + (random.chance(0.5) ? 40 : 0);
  const month = random.int(1, 12);
  const nik = `${province}${two(random.int(1, 40))}${two(district)}${two(day)}${two(month)}${two(random.int(50, 99))}${String(serial).padStart(4, '0')}`;
  return {
    nik,
    name: `Pekerja ${index}`,
    occupation: random.pick(OCCUPATIONS),
    villageCode: `${province}.01.01.2001`,
    declaredIncome: random.chance(0.9) ? 1_000_000 : random.int(10, 50) * 100_000,
  };
}

/** Agreement sizes from 500 to 100,402 members adding up to the dataset's total. */
function splitMembers(size: DatasetSize, random: Random): number[] {
  const weights = Array.from({ length: size.agreements }, () => random.next() ** 3 + 0.02);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(500, Math.min(100_402, Math.round((w / total) * size.members))));
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

export const SCHEMA_VERSIONS = AGREEMENT_EVENT_SCHEMA_VERSIONS;
