import { answerFormatOf, type AnswerFormat } from './export-format';
import type { ExportDocument } from './export-table';

/** What a report or list query asks of its answer: its format, by `?format=` or by the Accept header. */
export interface AnswerRequest {
  readonly format?: AnswerFormat;
  readonly accept?: string;
}

/**
 * A report or a list to be answered as a file: not yet written. The answer interceptor writes it with the
 * caller's view of personal data (rule 12) and, when it shows personal data in the clear, logs whom it names.
 */
export class ExportAnswer {
  constructor(
    readonly document: ExportDocument,
    readonly format: Exclude<AnswerFormat, 'json'>,
  ) {}
}

/**
 * The JSON answer, or the document as CSV or XLSX. Each is made only when asked for: a list's JSON is one page,
 * its export every row, read as the file is written.
 */
export function answer<T>(request: AnswerRequest, json: () => T, document: () => ExportDocument): T | ExportAnswer {
  const format = answerFormatOf(request.format, request.accept);
  return format === 'json' ? json() : new ExportAnswer(document(), format);
}
