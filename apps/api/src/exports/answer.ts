import type { StreamableFile } from '@nestjs/common';
import { exportAnswer } from './export-answer';
import { answerFormatOf, type AnswerFormat } from './export-format';
import type { ExportDocument, PersonalDataView } from './export-table';

/** What a report or list query asks of its answer: its format (`?format=` or Accept), and the caller's view. */
export interface AnswerRequest {
  readonly format?: AnswerFormat;
  readonly accept?: string;
  readonly view: PersonalDataView;
}

/**
 * The JSON answer, or the document as CSV or XLSX. Each is made only when asked for: a list's JSON is one page,
 * its export every row, read as the file is written.
 */
export function answer<T>(request: AnswerRequest, json: () => T, document: () => ExportDocument): T | StreamableFile {
  const format = answerFormatOf(request.format, request.accept);
  return format === 'json' ? json() : exportAnswer(document(), format, request.view);
}
