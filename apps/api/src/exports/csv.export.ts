import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { PersonalDataView } from '@pks/domain';
import { cellsOf, type ExportDocument } from './export-table';

/**
 * The first sheet of a document as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs
 * read the Indonesian text right): money and counts as plain integers, dates as YYYY-MM-DD. Rows are pulled
 * as the client reads: csv-stringify's stream waits for the response to drain.
 */
export function csvStream(document: ExportDocument, view: PersonalDataView): Readable {
  const [first] = document.sheets;
  const rows = function* () {
    for (const row of first.rows) yield cellsOf(first.columns, row, view);
  };
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: first.columns.map((column) => column.header),
    cast: { number: (value) => String(value) },
  });
  return Readable.from(rows()).pipe(stringifier);
}
