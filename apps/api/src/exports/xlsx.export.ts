import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { cellsOf, type CellKind, type CellValue, type ExportDocument, type PersonalDataView } from './export-table';

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
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  for (const sheet of document.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.columns = sheet.columns.map((column, i) => ({
      header: column.header,
      key: String(i),
      width: column.width ?? Math.max(12, column.header.length + 2),
      style: FORMATS[column.kind] === undefined ? {} : { numFmt: FORMATS[column.kind] },
    }));
    let written = 0;
    for (const row of sheet.rows) {
      const cells = cellsOf(sheet.columns, row, view);
      worksheet.addRow(cells.map((value, i) => cellOf(sheet.columns[i].kind, value))).commit();
      if (++written % ROWS_PER_TURN === 0) await drained(output);
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

/** Lets the zip stream run, and waits while the client has not taken what was written. */
async function drained(output: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (output.writableNeedDrain && !output.destroyed) await once(output, 'drain');
}
