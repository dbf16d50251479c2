/**
 * A report or a list as a spreadsheet: sheets of typed columns, headers in Bahasa Indonesia (the users'
 * language). Rows are read lazily, a page at a time, so that a list of any length streams in bounded memory.
 */

/** How a cell is written: money and counts as numbers, dates and months as dates (in XLSX), the rest as text. */
export type CellKind = 'text' | 'integer' | 'money' | 'date' | 'month';

/** Personal data (rule 12): masked for callers who may not see it, in every row. */
export type PersonalData = 'nik' | 'name';

export type CellValue = string | number | null;

export interface ExportColumn<R> {
  readonly header: string;
  readonly kind: CellKind;
  readonly value: (row: R) => CellValue;
  readonly personal?: PersonalData;
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

/** How personal data is shown to the caller: the masking function applied to every row. */
export interface PersonalDataView {
  nik(nik: string): string;
  name(name: string): string;
}

/** The cells of a row as the caller may see them. */
export function cellsOf<R>(columns: readonly ExportColumn<R>[], row: R, view: PersonalDataView): CellValue[] {
  return columns.map((column) => {
    const value = column.value(row);
    if (column.personal === undefined || typeof value !== 'string') return value;
    return column.personal === 'nik' ? view.nik(value) : view.name(value);
  });
}

export function sheet<R>(name: string, columns: readonly ExportColumn<R>[], rows: Iterable<R>): ExportSheet<R> {
  return { name, columns, rows };
}
