import { nik, niks } from './nik';

/** Request bodies of API.md, defaulting to the Sumba Barat Daya PKS of DOMAIN.md. */

export const SBD = {
  agreementId: 'sbd-2025-pks-01',
  regionCode: '53.18',
  members: 5_600,
  monthlyContribution: 16_800,
  /** 5,600 members x 3 months x Rp16,800. */
  budget: 282_240_000,
} as const;

type Json = Record<string, unknown>;

export function signBody(overrides: Json = {}): Json {
  return {
    agreementId: SBD.agreementId,
    pksNumber: '560/412/DISNAKERTRANS/X/2025',
    pemda: { regionCode: SBD.regionCode, name: 'Kabupaten Sumba Barat Daya' },
    branch: { code: 'SUMBA', name: 'Kantor Cabang Sumba' },
    signedOn: '2025-10-28',
    coverage: { start: '2025-10-01', end: '2025-12-31' },
    programs: ['JKK', 'JKM'],
    funding: { source: 'APBD', budget: SBD.budget },
    ...overrides,
  };
}

/** A smaller agreement of another Pemda: `regionCode` like '72' or '72.01', budget for `members` x 3 months. */
export function otherAgreementBody(
  agreementId: string,
  regionCode: string,
  members: number,
  overrides: Json = {},
): Json {
  return signBody({
    agreementId,
    pksNumber: `PKS/${regionCode}/${agreementId}`,
    pemda: { regionCode, name: `Pemda ${regionCode}` },
    branch: { code: 'PALU', name: 'Kantor Cabang Palu' },
    signedOn: '2025-09-24',
    funding: { source: 'APBD-P', budget: members * 3 * SBD.monthlyContribution },
    ...overrides,
  });
}

export function memberRow(memberNik: string, overrides: Json = {}): Json {
  return {
    nik: memberNik,
    name: `Pekerja ${memberNik.slice(-4)}`,
    occupation: 'nelayan',
    villageCode: '53.18.01.2001',
    ...overrides,
  };
}

export function membersOf(list: readonly string[]): Json[] {
  return list.map((n) => memberRow(n));
}

/** The first batch of a cohort, with `count` members from NIK index `first` (or the given NIKs). */
export function cohortBody(
  members: number | readonly string[],
  options: { first?: number; cohortId?: string; place?: string } = {},
): Json {
  const list = typeof members === 'number' ? niks(members, options.first ?? 0, options.place) : members;
  return {
    cohortId: options.cohortId ?? 'berkah-nelayan',
    name: 'Program Berkah Nelayan',
    members: membersOf(list),
  };
}

/** A next batch of an existing cohort. */
export function batchBody(members: number | readonly string[], first = 0, place?: string): Json {
  const list = typeof members === 'number' ? niks(members, first, place) : members;
  return { members: membersOf(list) };
}

export function deathBody(memberNik: string, overrides: Json = {}): Json {
  return {
    claimId: `jkm-${memberNik}`,
    nik: memberNik,
    dateOfDeath: '2025-11-10',
    cause: 'natural',
    heir: { name: 'Yohana Bulu', relationship: 'spouse' },
    paidOn: '2025-11-13',
    ...overrides,
  };
}

export function paymentBody(paymentId: string, overrides: Json = {}): Json {
  return { paymentId, amount: 94_080_000, paidOn: '2025-10-29', reference: `SP2D ${paymentId}`, ...overrides };
}

export function effectiveDateBody(effectiveDate: string, reason = 'became a wage earner'): Json {
  return { effectiveDate, reason };
}

export function extensionBody(newEnd: string, overrides: Json = {}): Json {
  return { newEnd, reference: 'Perda APBD 2026', ...overrides };
}

export { nik, niks };
