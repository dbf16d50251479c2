/**
 * Stable error codes of the domain. Clients build against them (API.md "Errors"): add codes, never rename one.
 */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'AGREEMENT_NOT_FOUND'
  | 'MEMBER_NOT_FOUND'
  | 'COHORT_NOT_FOUND'
  | 'AGREEMENT_EXISTS'
  | 'COHORT_EXISTS'
  | 'MEMBER_ALREADY_ENROLLED'
  | 'MEMBER_ALREADY_WITHDRAWN'
  | 'BENEFIT_ALREADY_PAID'
  | 'CLAIM_EXISTS'
  | 'PAYMENT_EXISTS'
  | 'PAYMENT_NOT_FOUND'
  | 'PAYMENT_REVERSED'
  | 'AGREEMENT_TERMINATED'
  | 'BUDGET_EXCEEDED'
  | 'NOT_COVERED'
  | 'INVALID_PERIOD'
  | 'DATE_IN_FUTURE'
  | 'INVALID_DATE'
  | 'MEMBER_DECEASED';

/** One problem with one field or member row of a command. */
export interface ValidationIssue {
  /** Where the problem is, as a JSON-ish path: `members[3].nik`, `coverage.end`. */
  readonly path: string;
  readonly reason: string;
}

/** A business rule refused a command. Carries a stable code and, where useful, structured details. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Throws VALIDATION_FAILED naming every issue, when there is any. */
export function rejectIfInvalid(issues: readonly ValidationIssue[], what: string): void {
  if (issues.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `${what}: ${issues.length} invalid field(s)`, issues);
  }
}
