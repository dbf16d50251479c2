import ExcelJS from 'exceljs';
import { nik } from '../../e2e/support/nik';

/** A Pemda's member spreadsheet as the import reads it: a header row, then one row per worker. */
export const HEADERS = ['No', 'NIK', 'Nama', 'Pekerjaan', 'Kode Desa', 'Penghasilan'];

const OCCUPATIONS = ['petani', 'nelayan', 'peternak', 'buruh harian lepas', 'pedagang kecil'];

/** The NIK of the worker at `index`: distinct and valid for every index of a 100,402-row file. */
export function workerNik(index: number): string {
  return nik(index, { place: '720101' });
}

/** Writes `count` workers with exceljs's streaming writer; `bad` replaces some rows by bad ones (row index -> cells). */
export async function writeMemberXlsx(path: string, count: number, bad: ReadonlyMap<number, unknown[]> = new Map()) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Peserta');
  sheet.addRow(HEADERS).commit();
  for (let i = 0; i < count; i++) {
    const row = bad.get(i) ?? [
      i + 1,
      workerNik(i),
      `Pekerja Sulteng ${i}`,
      OCCUPATIONS[i % OCCUPATIONS.length],
      `72.01.${String((i % 20) + 1).padStart(2, '0')}.2001`,
      i % 10 === 0 ? 1_500_000 : null,
    ];
    sheet.addRow(row).commit();
  }
  sheet.commit();
  await workbook.commit();
}
