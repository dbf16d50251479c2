import type { PersonalDataView } from '@pks/domain';
import { maskPersonalData } from '../access/personal-data.masker';

/**
 * A report or a list as a spreadsheet: sheets of typed columns, headers in Bahasa Indonesia (the users'
 * language). Rows are read lazily, a page at a time, so that a list of any length streams in bounded memory.
 */

/** How a cell is written: money and counts as numbers, dates and months as dates (in XLSX), the rest as text. */
export type CellKind = 'text' | 'integer' | 'money' | 'date' | 'month';

export type CellValue = string | number | null;

export interface ExportColumn<R> {
  readonly header: string;
  readonly kind: CellKind;
  readonly value: (row: R) => CellValue;
  /** Column width in characters (XLSX). */
  readonly width?: number;
}

export interface ExportSheet<R> {
  readonly name: string;
  readonly columns: readonly ExportColumn<R>[];
  readonly rows: Iterable<R>;
}

/** A CSV holds the first sheet; an XLSX workbook holds them all. */
export interface ExportDocument {
  /** The file name without its extension. */
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each sheet has rows of its own type
  readonly sheets: readonly ExportSheet<any>[];
}

/**
 * The cells of a row as the caller may see them: the row goes through rule 12's one masking function, the one
 * every JSON answer goes through, before any column reads it (a NIK, a member's or an heir's name, a NIK quoted
 * in a claim id or a reason are masked as they would be in JSON).
 */
export function cellsOf<R>(columns: readonly ExportColumn<R>[], row: R, view: PersonalDataView): CellValue[] {
  const shown = maskPersonalData(row, view);
  return columns.map((column) => column.value(shown));
}

/**
 * The document with every sheet's rows handed to `seen`, a batch at a time, before any row of the batch is
 * written: the access log records whom an export names before its rows leave, in bounded memory.
 */
export function observedDocument(
  document: ExportDocument,
  seen: (rows: readonly unknown[]) => void,
  batchSize = 1_000,
): ExportDocument {
  return { ...document, sheets: document.sheets.map((s) => ({ ...s, rows: observed(s.rows, seen, batchSize) })) };
}

function* observed<R>(rows: Iterable<R>, seen: (rows: readonly R[]) => void, batchSize: number): Generator<R> {
  let batch: R[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length < batchSize) continue;
    seen(batch);
    yield* batch;
    batch = [];
  }
  if (batch.length > 0) seen(batch);
  yield* batch;
}

export function sheet<R>(name: string, columns: readonly ExportColumn<R>[], rows: Iterable<R>): ExportSheet<R> {
  return { name, columns, rows };
}
