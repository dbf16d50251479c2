import type { SheetCell } from './spreadsheet-reader';

/** The member fields a Pemda's spreadsheet carries, and the headers they usually go by. */
export type MemberField = 'nik' | 'name' | 'occupation' | 'villageCode' | 'declaredIncome';

const HEADERS: Readonly<Record<MemberField, readonly string[]>> = {
  nik: ['nik', 'no nik', 'nomor nik', 'nomor induk kependudukan', 'nik ktp'],
  name: ['nama', 'nama lengkap', 'nama peserta', 'nama pekerja', 'nama tenaga kerja'],
  occupation: ['pekerjaan', 'jenis pekerjaan', 'profesi'],
  // A code column is preferred to a village (lembang) column when both are there.
  villageCode: [
    'kode desa',
    'kode desa/kelurahan',
    'kode kelurahan',
    'kode lembang',
    'desa/lembang',
    'desa',
    'lembang',
    'desa/kelurahan',
  ],
  declaredIncome: [
    'penghasilan',
    'penghasilan per bulan',
    'penghasilan (rp)',
    'penghasilan perbulan',
    'upah',
    'upah per bulan',
  ],
};

export const REQUIRED_FIELDS: readonly MemberField[] = ['nik', 'name', 'occupation', 'villageCode'];

export const FIELD_LABELS: Readonly<Record<MemberField, string>> = {
  nik: 'NIK',
  name: 'Nama',
  occupation: 'Pekerjaan',
  villageCode: 'Kode Desa',
  declaredIncome: 'Penghasilan',
};

/** Which column (0-based) each field was taken from, by which header; the columns left unused. */
export interface ColumnMapping {
  readonly columns: Partial<Record<MemberField, { readonly index: number; readonly header: string }>>;
  readonly unused: readonly string[];
  readonly missing: readonly MemberField[];
}

function normalized(header: SheetCell): string {
  return String(header ?? '')
    .toLowerCase()
    .replace(/[._:]/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Maps the header row: for each field, the first of its usual headers found (in the order listed above). */
export function mapColumns(headerRow: readonly SheetCell[]): ColumnMapping {
  const headers = headerRow.map(normalized);
  const columns: ColumnMapping['columns'] = {};
  for (const field of Object.keys(HEADERS) as MemberField[]) {
    for (const known of HEADERS[field]) {
      const index = headers.indexOf(known);
      if (index >= 0) {
        columns[field] = { index, header: String(headerRow[index]) };
        break;
      }
    }
  }
  const used = new Set(Object.values(columns).map((c) => c.index));
  return {
    columns,
    unused: headerRow.filter((h, i) => !used.has(i) && h !== null).map(String),
    missing: REQUIRED_FIELDS.filter((field) => columns[field] === undefined),
  };
}

/** A spreadsheet column's letter (0 -> A, 26 -> AA), to say where a field was read. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}
