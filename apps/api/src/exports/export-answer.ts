import { StreamableFile } from '@nestjs/common';
import { csvStream } from './csv.export';
import { XLSX_TYPE, type AnswerFormat } from './export-format';
import type { ExportDocument, PersonalDataView } from './export-table';
import { xlsxStream } from './xlsx.export';

/** File names carry ids and region codes only: letters, digits, dots and dashes. */
function fileName(document: ExportDocument, extension: string): string {
  return `${document.name.replace(/[^A-Za-z0-9.-]+/g, '-')}.${extension}`;
}

/** The document as a download in the format asked for, streamed to the client (Nest pipes the stream). */
export function exportAnswer(
  document: ExportDocument,
  format: Exclude<AnswerFormat, 'json'>,
  view: PersonalDataView,
): StreamableFile {
  const csv = format === 'csv';
  return new StreamableFile(csv ? csvStream(document, view) : xlsxStream(document, view), {
    type: csv ? 'text/csv; charset=utf-8' : XLSX_TYPE,
    disposition: `attachment; filename="${fileName(document, format)}"`,
  });
}
