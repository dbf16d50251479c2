import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import type { Http } from './app';

/** Exports read back as a client would: CSV with csv-parse, XLSX with exceljs (the library that wrote it). */

export type Row = Record<string, unknown>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Collects a binary body (supertest parses only text and JSON). */
function binary(res: Response, done: (error: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
  stream.on('error', (error: Error) => done(error, Buffer.alloc(0)));
}

export async function getCsv(http: Http, path: string, query: object = {}): Promise<{ res: Response; rows: Row[] }> {
  const res = await http
    .get(path)
    .query({ ...query, format: 'csv' })
    .buffer(true)
    .parse(binary);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9.-]+\.csv"$/);
  const text = (res.body as Buffer).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return { res, rows: parse(text.slice(1), { columns: true }) as Row[] };
}

/** The sheets of an XLSX answer (asked with the Accept header), each a list of rows keyed by its headers. */
export async function getXlsx(http: Http, path: string, query: object = {}): Promise<Record<string, Row[]>> {
  const res = await http.get(path).query(query).set('Accept', XLSX).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9.-]+\.xlsx"$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
  const sheets: Record<string, Row[]> = {};
  workbook.eachSheet((worksheet) => {
    const headers: string[] = [];
    const rows: Row[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, number) => {
      const values = (row.values as unknown[]).slice(1);
      if (number === 1) headers.push(...values.map(String));
      else rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
    });
    sheets[worksheet.name] = rows;
  });
  return sheets;
}

/** A date cell of an XLSX as the calendar date (or month) it holds; it must be a date, not a text. */
export function dateOf(value: unknown, length: 7 | 10 = 10): string | null {
  if (value === null) return null;
  expect(value).toBeInstanceOf(Date);
  return (value as Date).toISOString().slice(0, length);
}

/** A money or count cell of an XLSX: a number, never a text. */
export function numberOf(value: unknown): number {
  expect(typeof value).toBe('number');
  return value as number;
}
