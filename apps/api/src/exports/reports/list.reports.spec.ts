import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import { PERSONAL_DATA_MASKED, PERSONAL_DATA_SHOWN } from '@pks/domain';
import type { MemberListItem } from '@pks/projections';
import { csvStream } from '../csv.export';
import { xlsxStream } from '../xlsx.export';
import { membersExport } from './list.reports';

/**
 * The member list of an agreement as a file: a viewer is refused the route (API.md "Access"), but were the file
 * written for a viewer's view, rule 12 would mask every NIK and name in it, as the JSON masker does, and
 * nothing else.
 */
const MARIA: MemberListItem = {
  nik: '5318014107900001',
  name: 'Maria Ngongo',
  cohortId: 'berkah-nelayan',
  occupation: 'nelayan',
  villageCode: '53.18.01.2001',
  declaredIncome: 1_000_000,
  currentDeclaredIncome: 2_500_000,
  incomeChanges: [{ fromMonth: '2025-11', declaredIncome: 2_500_000 }],
  coverage: { from: '2025-10-01', to: '2025-11-09' },
  endedBy: 'death',
  personMonths: 2,
};
const YAKOBUS: MemberListItem = {
  ...MARIA,
  nik: '5318011203850002',
  name: 'Yakobus Lede Bili',
  currentDeclaredIncome: 1_000_000,
  incomeChanges: [],
  coverage: { from: '2025-10-01', to: '2025-12-31' },
  endedBy: undefined,
  personMonths: 3,
};

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function csvRows(masked: boolean) {
  const view = masked ? PERSONAL_DATA_MASKED : PERSONAL_DATA_SHOWN;
  const text = (await bytesOf(csvStream(membersExport('sbd', [MARIA, YAKOBUS]), view))).toString('utf8');
  return parse(text.slice(1), { columns: true }) as Record<string, string>[];
}

describe('the member list export', () => {
  it('shows NIKs and names as recorded to a role that may see them, with coverage and income', async () => {
    expect(await csvRows(false)).toEqual([
      {
        NIK: '5318014107900001',
        Nama: 'Maria Ngongo',
        Kohort: 'berkah-nelayan',
        Pekerjaan: 'nelayan',
        'Kode Desa': '53.18.01.2001',
        'Penghasilan Terdaftar (Rp)': '1000000',
        'Penghasilan Terkini (Rp)': '2500000',
        'Mulai Perlindungan': '2025-10-01',
        'Akhir Perlindungan': '2025-11-09',
        'Berakhir Karena': 'meninggal',
        'Orang-Bulan': '2',
      },
      expect.objectContaining({ NIK: '5318011203850002', Nama: 'Yakobus Lede Bili', 'Berakhir Karena': '' }),
    ]);
  });

  it("masks every NIK and name for a viewer's view, and nothing else, in CSV and in XLSX", async () => {
    const [shown, masked] = [await csvRows(false), await csvRows(true)];
    expect(masked).toEqual([
      { ...shown[0], NIK: '531801******0001', Nama: 'M. N.' },
      { ...shown[1], NIK: '531801******0002', Nama: 'Y. L. B.' },
    ]);
    const workbook = new ExcelJS.Workbook();
    const file = await bytesOf(xlsxStream(membersExport('sbd', [MARIA, YAKOBUS]), PERSONAL_DATA_MASKED));
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('Peserta')!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((row) => row.slice(1, 3))).toEqual([
      ['531801******0001', 'M. N.'],
      ['531801******0002', 'Y. L. B.'],
    ]);
  });
});
