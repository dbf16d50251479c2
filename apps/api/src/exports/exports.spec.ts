import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import { PERSONAL_DATA_MASKED as MASKED, PERSONAL_DATA_SHOWN as SHOWN } from '@pks/domain';
import { answerFormatOf, XLSX_TYPE } from './export-format';
import { CSV_ROWS_PER_TURN, csvStream } from './csv.export';
import { observedDocument, sheet, type ExportDocument } from './export-table';
import { xlsxStream } from './xlsx.export';

/**
 * Exports apply the caller's view of personal data to every row (rule 12's one masking function, as JSON
 * answers do), write each kind of cell as its kind, and show their rows to the access log before writing them.
 */

interface Member {
  nik: string;
  name: string;
  claimId: string;
  income: number;
  from: string;
}

function members(count: number): Generator<Member> {
  return (function* () {
    for (let i = 0; i < count; i++) {
      yield {
        nik: `72010141079${String(i).padStart(5, '0')}`,
        name: 'Maria Ngongo',
        claimId: `jkm-72010141079${String(i).padStart(5, '0')}`,
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
        { header: 'NIK', kind: 'text', value: (m: Member) => m.nik },
        { header: 'Nama', kind: 'text', value: (m: Member) => m.name },
        { header: 'ID Klaim', kind: 'text', value: (m: Member) => m.claimId },
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
        'ID Klaim': `jkm-720101******${String(i).padStart(4, '0')}`,
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
      'jkm-720101******1199',
      1_001_199,
      new Date('2025-10-01T00:00:00.000Z'),
    ]);
    expect(rows.every((row) => String(row[1]).includes('******'))).toBe(true);
  });

  it('CSV: shows every row as recorded to a caller who may see personal data', async () => {
    const text = (await bytesOf(csvStream(document(2), SHOWN))).toString('utf8');
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.NIK, r.Nama, r['ID Klaim']])).toEqual([
      ['7201014107900000', 'Maria Ngongo', 'jkm-7201014107900000'],
      ['7201014107900001', 'Maria Ngongo', 'jkm-7201014107900001'],
    ]);
  });

  it('hands the rows to the access log a batch at a time, each batch before any of its rows is written', async () => {
    const events: string[] = [];
    const observed = observedDocument(document(5), (rows) => events.push(`seen ${rows.length}`), 2);
    const source = observed.sheets[0];
    const tracing = { ...observed, sheets: [{ ...source, rows: traced(source.rows, events) }] };
    await bytesOf(csvStream(tracing, SHOWN));
    expect(events).toEqual(['seen 2', 'row', 'row', 'seen 2', 'row', 'row', 'seen 1', 'row']);
  });

  it('CSV: a long export gives the event loop back between turns of rows, so other requests are served meanwhile', async () => {
    let turns = 0;
    let exporting = true;
    const otherWork = (async () => {
      while (exporting) {
        await new Promise((resolve) => setImmediate(resolve));
        turns++;
      }
    })();
    const text = (await bytesOf(csvStream(document(5_000), SHOWN))).toString('utf8');
    exporting = false;
    await otherWork;
    expect(text.trimEnd().split('\n')).toHaveLength(5_001);
    // The loop turned at least once between each turn of rows.
    expect(turns).toBeGreaterThanOrEqual(5_000 / CSV_ROWS_PER_TURN - 1);
  });

  it('the format: ?format= first, then the Accept header, else JSON', () => {
    expect(answerFormatOf('xlsx', 'text/csv')).toBe('xlsx');
    expect(answerFormatOf(undefined, 'text/csv;q=0.9, application/json')).toBe('csv');
    expect(answerFormatOf(undefined, `${XLSX_TYPE}`)).toBe('xlsx');
    expect(answerFormatOf(undefined, 'text/html,*/*')).toBe('json');
    expect(answerFormatOf(undefined, undefined)).toBe('json');
  });
});

function* traced<R>(rows: Iterable<R>, events: string[]): Generator<R> {
  for (const row of rows) {
    events.push('row');
    yield row;
  }
}
