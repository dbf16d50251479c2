import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { XLSX_TYPE } from '../../exports/export-format';

/**
 * The 200 answer of a report or list query: JSON of `type`, or the same report as CSV or XLSX (`?format=` or
 * the Accept header), headers in Bahasa Indonesia, personal data masked as for JSON.
 */
export function ApiAnswer(type: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description: 'JSON, or the report as CSV (first sheet) or XLSX (every sheet)',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': { schema: { type: 'string' } },
        [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );
}
