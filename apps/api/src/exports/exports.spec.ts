import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import { answerFormatOf, XLSX_TYPE } from './export-format';
import { csvStream } from './csv.export';
import { sheet, type ExportDocument, type PersonalDataView } from './export-table';
import { xlsxStream } from './xlsx.export';

/** Exports apply the caller's view of personal data to every row, and write each kind of cell as its kind. */

interface Member {
  nik: string;
  name: string;
  income: number;
  from: string;
}

const MASKED: PersonalDataView = {
  nik: (nik) => `${nik.slice(0, 6)}******${nik.slice(-4)}`,
  name: (name) =>
    name
      .split(' ')
      .map((w) => `${w[0]}.`)
      .join(' '),
};

function members(count: number): Generator<Member> {
  return (function* () {
    for (let i = 0; i < count; i++) {
      yield {
        nik: `72010141079${String(i).padStart(5, '0')}`,
        name: 'Maria Ngongo',
        income: 1_000_000 + i,
        from: '2025-10-01',
      };
    }
  })();
}

const document = (count: number): ExportDocument => ({
  name: 'peserta-x',
  sheets: [
    sheet(
      'Peserta',
      [
        { header: 'NIK', kind: 'text', personal: 'nik', value: (m: Member) => m.nik },
        { header: 'Nama', kind: 'text', personal: 'name', value: (m: Member) => m.name },
        { header: 'Penghasilan (Rp)', kind: 'money', value: (m: Member) => m.income },
        { header: 'Mulai', kind: 'date', value: (m: Member) => m.from },
      ],
      members(count),
    ),
  ],
});

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('exports', () => {
  it('CSV: masks the NIK and the name of every row for a caller who may not see them', async () => {
    const text = (await bytesOf(csvStream(document(3), MASKED))).toString('utf8');
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(
      [0, 1, 2].map((i) => ({
        NIK: `720101******${String(i).padStart(4, '0')}`,
        Nama: 'M. N.',
        'Penghasilan (Rp)': String(1_000_000 + i),
        Mulai: '2025-10-01',
      })),
    );
  });

  it('XLSX: masks likewise; money is a number, a date a date', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(xlsxStream(document(1_200), MASKED))) as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('Peserta')!.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(1_200);
    expect(rows[1_199].slice(1)).toEqual([
      '720101******1199',
      'M. N.',
      1_001_199,
      new Date('2025-10-01T00:00:00.000Z'),
    ]);
    expect(rows.every((row) => String(row[1]).includes('******'))).toBe(true);
  });

  it('the format: ?format= first, then the Accept header, else JSON', () => {
    expect(answerFormatOf('xlsx', 'text/csv')).toBe('xlsx');
    expect(answerFormatOf(undefined, 'text/csv;q=0.9, application/json')).toBe('csv');
    expect(answerFormatOf(undefined, `${XLSX_TYPE}`)).toBe('xlsx');
    expect(answerFormatOf(undefined, 'text/html,*/*')).toBe('json');
    expect(answerFormatOf(undefined, undefined)).toBe('json');
  });
});
