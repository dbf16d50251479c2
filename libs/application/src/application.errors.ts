/** Errors of the application layer (concurrency, idempotency, consistency), with stable codes like DomainError's. */
export type ApplicationErrorCode =
  | 'VERSION_CONFLICT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'CONCURRENT_MODIFICATION'
  | 'NOT_CAUGHT_UP'
  | 'AGREEMENT_NOT_FOUND'
  | 'MEMBER_NOT_FOUND'
  | 'VALIDATION_FAILED';

export class ApplicationError extends Error {
  constructor(
    readonly code: ApplicationErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApplicationError';
  }
}
