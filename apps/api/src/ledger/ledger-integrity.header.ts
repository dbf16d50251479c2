import type { LedgerIntegrity, LedgerIntegrityState } from '@pks/application';
import type { NextFunction, Request, Response } from 'express';

/**
 * Every answer says what the service knows of its ledger, in a `Ledger-Integrity` header: `intact`, `unchecked`,
 * `unverifiable` (a store without a transparency log), or `tampered; kind=...; position=...`. Reads go on being
 * served from a tampered ledger (an operator needs them), and this header marks them.
 */
export const INTEGRITY_HEADER = 'Ledger-Integrity';

export function integrityHeaderValue(state: LedgerIntegrityState): string {
  switch (state.status) {
    case 'intact':
    case 'unchecked':
    case 'unverifiable':
      return state.status;
    case 'tampered':
      return `tampered; kind=${state.kind}; position=${state.position ?? 'unknown'}`;
    default: {
      const never: never = state;
      return String(never);
    }
  }
}

export function integrityHeader(integrity: LedgerIntegrity) {
  return (_request: Request, response: Response, next: NextFunction): void => {
    response.setHeader(INTEGRITY_HEADER, integrityHeaderValue(integrity.current()));
    next();
  };
}
