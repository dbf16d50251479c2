/**
 * Codes of refusals that happen before a request reaches a command or a query: the route, the method, the
 * headers and the body as bytes, who is calling and how often. They extend API.md "Errors" (the README lists
 * them). The operations routes (/metrics, /health/ready) answer with codes of API.md too.
 */
export type HttpProblemCode =
  | 'VALIDATION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'REQUEST_HEADERS_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_CAUGHT_UP'
  | 'STORE_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'LEDGER_LOG_UNAVAILABLE';

/** A refusal of the HTTP layer, with its status, stable code and (optionally) headers to send with it. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HttpProblemCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}
