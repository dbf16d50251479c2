import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ApplicationError } from '@pks/application';
import { DomainError } from '@pks/domain';
import { IdempotencyKeyBusyError, StoreUnavailableError } from '@pks/event-store';
import type { Response } from 'express';
import { STATUS_OF_CODE } from './error-status';

/** The error body of API.md: one shape everywhere, a stable code, never a stack trace. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const RETRY_AFTER_SECONDS = '1';
const RETRY_LATER: ReadonlySet<string> = new Set(['NOT_CAUGHT_UP', 'STORE_UNAVAILABLE', 'IDEMPOTENCY_KEY_BUSY']);

/**
 * Codes of errors Nest raises itself: a body or path Express cannot parse (Nest wraps it in a 400 before this
 * filter sees it), an unknown route.
 */
const HTTP_EXCEPTION_CODES: Readonly<Record<number, string>> = {
  400: 'VALIDATION_FAILED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
};

/** Turns every error into API.md's error shape; the only place where errors meet HTTP. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (RETRY_LATER.has(body.code)) response.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof DomainError || error instanceof ApplicationError) {
      const body: ErrorBody = { statusCode: STATUS_OF_CODE[error.code], code: error.code, message: error.message };
      return error.details === undefined ? body : { ...body, details: error.details };
    }
    if (error instanceof StoreUnavailableError) {
      return {
        statusCode: 503,
        code: 'STORE_UNAVAILABLE',
        message: 'the event store did not answer; retry the request',
      };
    }
    if (error instanceof IdempotencyKeyBusyError) {
      return {
        statusCode: 409,
        code: 'IDEMPOTENCY_KEY_BUSY',
        message: 'a request with this Idempotency-Key is still in flight; retry later',
      };
    }
    const parserError = bodyParserError(error);
    if (parserError) return parserError;
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      return { statusCode, code: HTTP_EXCEPTION_CODES[statusCode] ?? `HTTP_${statusCode}`, message: error.message };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal error; the command was not applied' };
  }
}

/** Errors of Express's body parser carry a `type`; their messages are safe to show. */
function bodyParserError(error: unknown): ErrorBody | null {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return {
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'request body is larger than the server accepts',
      details: { limitBytes: (error as { limit?: number }).limit },
    };
  }
  if (type === 'entity.parse.failed') {
    return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'request body is not valid JSON' };
  }
  if ((typeof type === 'string' && type.startsWith('encoding')) || type === 'charset.unsupported') {
    return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'request body encoding is not supported' };
  }
  return null;
}
