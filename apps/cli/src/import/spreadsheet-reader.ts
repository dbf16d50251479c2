import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import { UnreadableFileError, xlsxWorksheet } from './xlsx-reader';

/** A cell as read: text, a number (Excel numbers), or nothing. */
export type SheetCell = string | number | null;

/** One row of the spreadsheet with its number as the spreadsheet program shows it (the header row is 1). */
export interface SheetRow {
  readonly rowNumber: number;
  readonly cells: readonly SheetCell[];
}

/** The rows of the first worksheet of an XLSX file, or of a CSV file, streamed (never the whole file at once). */
export function spreadsheetRows(path: string): AsyncGenerator<SheetRow> {
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return xlsxRows(path);
  if (extension === '.csv') return csvRows(path);
  throw new UnreadableFileError(path, 'only .xlsx and .csv files can be imported');
}

async function* xlsxRows(path: string): AsyncGenerator<SheetRow> {
  for await (const row of await xlsxWorksheet(path)) {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    yield { rowNumber: row.number, cells: values.map(cellOf) };
  }
}

/** exceljs's cell values (rich text, formulas, hyperlinks, dates) as what they show. */
function cellOf(value: unknown): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const object = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
  if (Array.isArray(object.richText)) return object.richText.map((part) => part.text).join('');
  if ('result' in object) return cellOf(object.result);
  if ('text' in object) return cellOf(object.text);
  return String(value);
}

async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      delimiter: await delimiterOf(path),
      relax_column_count: true,
      info: true,
      skip_empty_lines: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { rowNumber: info.lines, cells: record.map((cell) => (cell === '' ? null : cell)) };
    }
  } catch (error) {
    throw new UnreadableFileError(path, `not a readable CSV file (${(error as Error).message})`);
  }
}

/** Spreadsheet programs in an Indonesian locale write `;` between fields: the header line says which is used. */
async function delimiterOf(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4_096), 0, 4_096, 0);
    const header = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0];
    const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
    return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  } finally {
    await file.close();
  }
}
