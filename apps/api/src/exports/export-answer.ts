import { StreamableFile } from '@nestjs/common';
import type { PersonalDataView } from '@pks/domain';
import type { ExportAnswer } from './answer';
import { csvStream } from './csv.export';
import { JSON_TYPE, XLSX_TYPE } from './export-format';
import type { ExportDocument } from './export-table';
import { xlsxStream } from './xlsx.export';

/** File names carry ids and region codes only: letters, digits, dots and dashes. */
function fileName(document: ExportDocument, extension: string): string {
  return `${document.name.replace(/[^A-Za-z0-9.-]+/g, '-')}.${extension}`;
}

/** The export as a download, each row as the caller may see it, streamed to the client (Nest pipes the stream). */
export function exportFile({ document, format }: ExportAnswer, view: PersonalDataView): StreamableFile {
  const csv = format === 'csv';
  return new StreamableFile(csv ? csvStream(document, view) : xlsxStream(document, view), {
    type: csv ? 'text/csv; charset=utf-8' : XLSX_TYPE,
    disposition: `attachment; filename="${fileName(document, format)}"`,
  });
}

/** A JSON answer a query already wrote, sent as its bytes (Nest pipes them as it pipes an export). */
export function jsonFile(json: Buffer): StreamableFile {
  return new StreamableFile(json, { type: JSON_TYPE });
}
