/**
 * NIK (Nomor Induk Kependudukan), the 16-digit national identity number. Only its structure is checked:
 * the prefix need not match the Pemda, since people move.
 *
 *   digits 1-2   province code (one of the 38)
 *   digits 3-4   regency / city
 *   digits 5-6   district
 *   digits 7-12  birth date DDMMYY, with 40 added to the day for women
 *   digits 13-16 serial, never 0000
 */
export type Nik = string;

/** The 38 province codes of Kemendagri. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '51',
  '52',
  '53',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '81',
  '82',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
]);

/** Every structural problem of a NIK, in words; empty when the NIK is well-formed. */
export function nikProblems(nik: unknown): string[] {
  if (typeof nik !== 'string' || !/^\d{16}$/.test(nik)) return ['NIK must be exactly 16 digits'];
  const problems: string[] = [];
  const province = nik.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) problems.push(`province code ${province} is not one of the 38 provinces`);
  const day = Number(nik.slice(6, 8));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) {
    problems.push(`birth day ${nik.slice(6, 8)} is not 01-31 (men) or 41-71 (women)`);
  }
  const month = Number(nik.slice(8, 10));
  if (month < 1 || month > 12) problems.push(`birth month ${nik.slice(8, 10)} is not 01-12`);
  if (nik.slice(12) === '0000') problems.push('serial number 0000 is not issued');
  return problems;
}

export function isValidNik(nik: unknown): nik is Nik {
  return nikProblems(nik).length === 0;
}
