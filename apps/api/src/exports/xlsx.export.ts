import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { PersonalDataView } from '@pks/domain';
import { cellsOf, type CellKind, type CellValue, type ExportDocument } from './export-table';

/** Rows written between two waits for the client: enough to keep the zip busy, few enough to bound memory. */
const ROWS_PER_TURN = 500;

const FORMATS: Readonly<Record<CellKind, string | undefined>> = {
  text: undefined,
  integer: '#,##0',
  money: '#,##0',
  date: 'yyyy-mm-dd',
  month: 'yyyy-mm',
};

/**
 * A document as an XLSX workbook, one worksheet per sheet, written by exceljs's streaming writer (rows are
 * committed as they go; no shared strings table, which would hold every text in memory). Money and counts are
 * numbers, dates and months are date cells. Between turns of rows the writer waits for the client to drain.
 */
export function xlsxStream(document: ExportDocument, view: PersonalDataView): Readable {
  const output = new PassThrough();
  write(document, view, output).catch((error: unknown) => output.destroy(error as Error));
  return output;
}

async function write(document: ExportDocument, view: PersonalDataView, output: PassThrough): Promise<void> {
  // A client gone away closes the output: the waits end, and the next write fails the export.
  const closed = new Promise((resolve) => output.once('close', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  for (const sheet of document.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.columns = sheet.columns.map((column, i) => ({
      header: column.header,
      key: String(i),
      width: column.width ?? Math.max(12, column.header.length + 2),
      style: FORMATS[column.kind] === undefined ? {} : { numFmt: FORMATS[column.kind] },
    }));
    const backlog = zipBacklog(worksheet);
    let written = 0;
    for (const row of sheet.rows) {
      const cells = cellsOf(sheet.columns, row, view);
      worksheet.addRow(cells.map((value, i) => cellOf(sheet.columns[i].kind, value))).commit();
      if (++written % ROWS_PER_TURN === 0) await drained(output, backlog, closed);
    }
    worksheet.commit();
  }
  await workbook.commit();
}

/** A date or a month as the UTC midnight that starts it: exceljs writes it as an Excel date serial. */
function cellOf(kind: CellKind, value: CellValue): CellValue | Date {
  if (value === null || typeof value !== 'string') return value;
  if (kind === 'date') return new Date(`${value}T00:00:00.000Z`);
  if (kind === 'month') return new Date(`${value}-01T00:00:00.000Z`);
  return value;
}

/** Chunks (64 KiB of XML each) handed to the compressor and not yet compressed, and a wait for one to be. */
interface Backlog {
  pending(): number;
  settled(): Promise<void>;
}

/** At most this many chunks wait for the compressor: about 128 KiB of XML, whatever the number of rows. */
const MAX_PENDING_CHUNKS = 2;

/**
 * exceljs's sheet buffer hands each full 64 KiB chunk to the zip without waiting for it to be compressed, so
 * rows made faster than deflate compresses them pile up (10 MB per 100,000 rows measured). Its `_pipe` (exceljs
 * 4.4's StreamBuf) resolves once the compressor took the chunk: counting those gives the backlog to wait on.
 */
function zipBacklog(worksheet: ExcelJS.Worksheet): Backlog {
  const buffer = (worksheet as unknown as { stream?: { _pipe?: (chunk: unknown) => Promise<void> } }).stream;
  let pending = 0;
  let wake: (() => void) | null = null;
  const pipe = buffer?._pipe?.bind(buffer);
  if (buffer === undefined || pipe === undefined) return { pending: () => 0, settled: () => Promise.resolve() };
  buffer._pipe = async (chunk) => {
    pending += 1;
    try {
      await pipe(chunk);
    } finally {
      pending -= 1;
      wake?.();
      wake = null;
    }
  };
  return { pending: () => pending, settled: () => new Promise<void>((resolve) => (wake = resolve)) };
}

/** Lets the zip stream run; waits while the compressor or the client has not taken what was written. */
async function drained(output: PassThrough, backlog: Backlog, closed: Promise<unknown>): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (backlog.pending() > MAX_PENDING_CHUNKS && !output.destroyed) await Promise.race([backlog.settled(), closed]);
  while (output.writableNeedDrain && !output.destroyed) await once(output, 'drain');
}
