/**
 * Rule 12: a NIK, a member's name and an heir's name are personal data (UU 27/2022). Roles that need them see
 * them; to the others a NIK shows its region (first 6 digits) and its last 4, and a name its initials.
 */

/** How personal data is shown to one caller: as recorded, or masked. */
export interface PersonalDataView {
  readonly masked: boolean;
  nik(nik: string): string;
  name(name: string): string;
}

const NIK_SHOWN_HEAD = 6;
const NIK_SHOWN_TAIL = 4;

/** `7201014107900001` -> `720101******0001`. Anything too short to keep a region and a serial is masked whole. */
export function maskNik(nik: string): string {
  if (nik.length <= NIK_SHOWN_HEAD + NIK_SHOWN_TAIL) return '*'.repeat(nik.length);
  const hidden = nik.length - NIK_SHOWN_HEAD - NIK_SHOWN_TAIL;
  return `${nik.slice(0, NIK_SHOWN_HEAD)}${'*'.repeat(hidden)}${nik.slice(-NIK_SHOWN_TAIL)}`;
}

/** `Maria Ngongo` -> `M. N.`: the first letter of each word, upper case, each followed by a dot. */
export function maskName(name: string): string {
  return name
    .split(/\s+/u)
    .map((word) => [...word].find((char) => /[\p{L}\p{N}]/u.test(char)))
    .filter((initial): initial is string => initial !== undefined)
    .map((initial) => `${initial.toLocaleUpperCase('id')}.`)
    .join(' ');
}

export const PERSONAL_DATA_SHOWN: PersonalDataView = {
  masked: false,
  nik: (nik) => nik,
  name: (name) => name,
};

export const PERSONAL_DATA_MASKED: PersonalDataView = { masked: true, nik: maskNik, name: maskName };
