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
 * The catalogue, plus what the README's "Errors" section adds: codes named in its first paragraph (any status
 * goes with them, the README not giving one) and the rows `| status | `CODE` | when |` of its table. A code
 * documented later is then accepted without editing this file. A documented code must come with its
 * documented status, except under a status no code is documented for, where any documented code may carry the
 * answer (a 415, say, has no code of its own).
 */
export function errorCatalogue(readmePath = join(__dirname, '..', '..', 'README.md')): ErrorCatalogue {
  const readme = readmeCodes(readFileSync(readmePath, 'utf8'));
  const statusOf: Record<string, number | null> = { ...DOCUMENTED };
  for (const { code, status } of readme) if (statusOf[code] === undefined || status !== null) statusOf[code] = status;
  const statuses = new Set(Object.values(statusOf).filter((status) => status !== null));
  return {
    allows(code, status) {
      const documented = statusOf[code];
      if (documented === undefined) return false;
      return documented === null || documented === status || !statuses.has(status);
    },
  };
}

function readmeCodes(text: string): { code: string; status: number | null }[] {
  const start = text.indexOf('Errors have one shape');
  if (start < 0) return [];
  const end = text.indexOf('\n## ', start);
  const section = text.slice(start, end < 0 ? undefined : end);
  const paragraph = section.slice(0, section.indexOf('\n\n'));
  const named = [...paragraph.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => ({
    code: m[1],
    status: null,
  }));
  const rows = [...section.matchAll(/^\|\s*(\d{3})\s*\|\s*`([A-Z][A-Z0-9_]+)`/gm)];
  return [...named, ...rows.map((m) => ({ code: m[2], status: Number(m[1]) }))];
}
