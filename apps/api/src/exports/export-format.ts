/** The answer formats of report and list queries (API.md "exports"). */
export type AnswerFormat = 'json' | 'csv' | 'xlsx';
export const ANSWER_FORMATS: readonly AnswerFormat[] = ['json', 'csv', 'xlsx'];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What Express gives a JSON answer it writes itself; a JSON answer sent as bytes says the same. */
export const JSON_TYPE = 'application/json; charset=utf-8';

const MEDIA_TYPES: Readonly<Record<string, AnswerFormat>> = {
  'application/json': 'json',
  'text/csv': 'csv',
  [XLSX_TYPE]: 'xlsx',
};

/**
 * `?format=` wins; otherwise the first media type of the Accept header that names a format (quality values
 * ignored: clients ask for one); otherwise JSON, which is also what `*\/*` and a browser's Accept get.
 */
export function answerFormatOf(format: AnswerFormat | undefined, accept: string | undefined): AnswerFormat {
  if (format !== undefined) return format;
  for (const part of (accept ?? '').split(',')) {
    const found = MEDIA_TYPES[part.split(';')[0].trim().toLowerCase()];
    if (found !== undefined) return found;
  }
  return 'json';
}
