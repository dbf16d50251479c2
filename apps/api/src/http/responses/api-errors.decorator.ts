import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_OF_CODE } from '../error-status';

/** Codes answered outside the domain's and the application's errors (the HTTP layer, the store, operations). */
const OTHER_CODES: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_BUSY: 409,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  STORE_UNAVAILABLE: 503,
  LEDGER_TAMPERED: 503,
};

/** Every stable code by its HTTP status (API.md "Errors", the README's table). */
export function codesOf(status: number): string[] {
  const all = { ...STATUS_OF_CODE, ...OTHER_CODES };
  return Object.entries(all)
    .filter(([, s]) => s === status)
    .map(([code]) => code)
    .sort();
}

/** The error statuses an operation may answer, each with API.md's error shape and the codes it can carry. */
export function ApiErrors(statuses: readonly number[], only: Readonly<Record<number, readonly string[]>> = {}) {
  return applyDecorators(
    ...statuses.map((status) => {
      const codes = only[status] ?? codesOf(status);
      return ApiResponse({
        status,
        description: codes.join(', '),
        schema: {
          type: 'object',
          required: ['statusCode', 'code', 'message'],
          properties: {
            statusCode: { type: 'integer', enum: [status] },
            code: { type: 'string', enum: [...codes] },
            message: { type: 'string' },
            details: {},
          },
        },
      });
    }),
  );
}

export const COMMAND_ERRORS = [400, 401, 403, 404, 409, 412, 413, 422, 429, 500, 503] as const;
export const QUERY_ERRORS = [400, 401, 403, 404, 500, 503] as const;
