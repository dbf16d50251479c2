import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The error codes a client may meet, with their HTTP status: API.md "Errors", the codes the README adds, and
 * NOT_FOUND / METHOD_NOT_ALLOWED for a route that does not exist or a method it does not take (issue 8).
 */
const DOCUMENTED: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  AGREEMENT_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  COHORT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  AGREEMENT_EXISTS: 409,
  MEMBER_ALREADY_ENROLLED: 409,
  BENEFIT_ALREADY_PAID: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  AGREEMENT_TERMINATED: 409,
  PAYMENT_REVERSED: 409,
  COHORT_EXISTS: 409,
  CLAIM_EXISTS: 409,
  PAYMENT_EXISTS: 409,
  MEMBER_ALREADY_WITHDRAWN: 409,
  CONCURRENT_MODIFICATION: 409,
  IDEMPOTENCY_KEY_BUSY: 409,
  VERSION_CONFLICT: 412,
  PAYLOAD_TOO_LARGE: 413,
  BUDGET_EXCEEDED: 422,
  NOT_COVERED: 422,
  INVALID_PERIOD: 422,
  DATE_IN_FUTURE: 422,
  MEMBER_DECEASED: 422,
  INVALID_DATE: 422,
  RATE_LIMITED: 429,
  NOT_CAUGHT_UP: 503,
  STORE_UNAVAILABLE: 503,
  LEDGER_TAMPERED: 503,
};

/** Codes of 503 answers that say "retry later" rather than "the service failed". */
export const RETRY_LATER_CODES: ReadonlySet<string> = new Set(['NOT_CAUGHT_UP']);

export interface ErrorCatalogue {
  /** Is `code` documented, and may it come with `status`? */
  allows(code: string, status: number): boolean;
}

/**
 * The catalogue, plus any code the README's "Errors have one shape" paragraph names (a code documented there
 * later is then accepted without editing this file; its status is not known, so any status goes with it).
 * A documented code must come with its documented status, except under a status no code is documented for
 * (431, 415...), where any documented code may carry the answer.
 */
export function errorCatalogue(readmePath = join(__dirname, '..', '..', 'README.md')): ErrorCatalogue {
  const fromReadme = readmeCodes(readmePath).filter((code) => !(code in DOCUMENTED));
  const statuses = new Set(Object.values(DOCUMENTED));
  return {
    allows(code, status) {
      if (fromReadme.includes(code)) return true;
      const documented = DOCUMENTED[code];
      if (documented === undefined) return false;
      return documented === status || !statuses.has(status);
    },
  };
}

function readmeCodes(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('Errors have one shape');
  if (start < 0) return [];
  const paragraph = text.slice(start, text.indexOf('\n\n', start));
  return [...paragraph.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1]);
}
