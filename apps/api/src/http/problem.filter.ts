import {
  Catch,
  HttpException,
  Logger,
  NotFoundException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ApplicationError } from '@pks/application';
import { DomainError } from '@pks/domain';
import {
  AppendTooLargeError,
  IdempotencyKeyBusyError,
  StoreInconsistencyError,
  StoreUnavailableError,
} from '@pks/event-store';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { ResponseFault } from '../operations/logging/request-logging';
import { STATUS_OF_CODE } from './error-status';
import { HttpProblem } from './http-problem';
import type { RouteTable } from './route-table';

/** The error body of API.md: one shape everywhere, a stable code, never a stack trace. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const RETRY_AFTER_SECONDS = '1';
const RETRY_LATER: ReadonlySet<string> = new Set(['NOT_CAUGHT_UP', 'STORE_UNAVAILABLE', 'IDEMPOTENCY_KEY_BUSY']);

/** Turns every error into API.md's error shape; the only place where errors meet HTTP. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly routes: RouteTable) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { body, headers } = this.toProblem(error, request);
    if (body.statusCode >= 500) recordFault(response, error, body);
    if (RETRY_LATER.has(body.code)) response.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(body.statusCode).json(body);
  }

  private toProblem(error: unknown, request: Request): { body: ErrorBody; headers: Record<string, string> } {
    if (error instanceof HttpProblem) {
      return {
        body: withDetails({ statusCode: error.statusCode, code: error.code, message: error.message }, error.details),
        headers: { ...error.headers },
      };
    }
    if (error instanceof NotFoundException) return { body: this.unrouted(request), headers: this.allowHeader(request) };
    return { body: this.toBody(error, request), headers: {} };
  }

  private toBody(error: unknown, request: Request): ErrorBody {
    if (error instanceof DomainError || error instanceof ApplicationError) {
      return withDetails(
        { statusCode: STATUS_OF_CODE[error.code], code: error.code, message: error.message },
        error.details,
      );
    }
    if (error instanceof StoreUnavailableError) {
      return {
        statusCode: 503,
        code: 'STORE_UNAVAILABLE',
        message: 'the event store did not answer; retry the request',
      };
    }
    if (error instanceof StoreInconsistencyError) {
      this.logger.error(error.message);
      return {
        statusCode: 503,
        code: 'LEDGER_TAMPERED',
        message: "the ledger's stored records contradict each other; nothing was written. An operator must run verify",
        details: error.details,
      };
    }
    if (error instanceof AppendTooLargeError) {
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'the events of this request are larger than the event store takes in one append; send fewer members',
        details: {
          limitBytes: error.limitBytes,
          ...(error.sizeBytes === undefined ? {} : { sizeBytes: error.sizeBytes }),
        },
      };
    }
    if (error instanceof IdempotencyKeyBusyError) {
      return {
        statusCode: 409,
        code: 'IDEMPOTENCY_KEY_BUSY',
        message: 'a request with this Idempotency-Key is still in flight; retry later',
      };
    }
    // Nest's own 4xx (a path parameter with a broken percent-encoding, say): its message may quote the input.
    if (error instanceof HttpException && error.getStatus() === 400) {
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'the request could not be read' };
    }
    return this.internal(error, request);
  }

  private unrouted(request: Request): ErrorBody {
    const allowed = this.routes.methodsOf(request.path);
    return allowed.length > 0
      ? {
          statusCode: 405,
          code: 'METHOD_NOT_ALLOWED',
          message: `this path answers ${allowed.join(', ')}`,
          details: { allow: allowed },
        }
      : { statusCode: 404, code: 'NOT_FOUND', message: 'no route of the API has this path' };
  }

  private allowHeader(request: Request): Record<string, string> {
    const allowed = this.routes.methodsOf(request.path);
    return allowed.length > 0 ? { Allow: allowed.join(', ') } : {};
  }

  /** Logged with its stack (in the request's log line) under an incident id that the answer carries. */
  private internal(_error: unknown, request: Request): ErrorBody {
    const incident = randomUUID();
    const message =
      request.method === 'GET' || request.method === 'HEAD'
        ? 'internal error; the query was not answered'
        : 'internal error; the outcome of the command is unknown: send it again with the same Idempotency-Key';
    return { statusCode: 500, code: 'INTERNAL_ERROR', message, details: { incident } };
  }
}

/**
 * A fault of the service (not a refusal the API explains) goes into the request's log line: the error with its
 * stack, and the incident id the client was given. Never into the response.
 */
function recordFault(response: Response, error: unknown, body: ErrorBody): void {
  if (error instanceof HttpProblem || error instanceof DomainError || error instanceof ApplicationError) return;
  const fault = response as Response & { err?: unknown };
  fault.err = error instanceof Error ? error : new Error(String(error));
  const incident = (body.details as { incident?: unknown } | undefined)?.incident;
  if (typeof incident === 'string') (response.locals as NonNullable<ResponseFault['locals']>).incident = incident;
}

function withDetails(body: ErrorBody, details: unknown): ErrorBody {
  return details === undefined ? body : { ...body, details };
}
