import type { LedgerIntegrity, LedgerIntegrityState } from '@pks/application';
import type { NextFunction, Request, Response } from 'express';
import type { AccessRequest } from '../access/access-request';

/**
 * Every answer says what the service knows of its ledger, in a `Ledger-Integrity` header: `intact`, `unchecked`,
 * `unverifiable` (a store without a transparency log), or `tampered; kind=...; position=...`. Reads go on being
 * served from a tampered ledger (an operator needs them), and this header marks them. A caller without a valid
 * token is told the status only, as `/health` tells it (where and how the ledger was tampered with is for
 * signed-in callers).
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
  return (request: Request, response: Response, next: NextFunction): void => {
    // Who the caller is is known once the access guard ran: the value is settled when the head is written.
    const writeHead = response.writeHead;
    response.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      const state = integrity.current();
      const signedIn = (request as AccessRequest).user !== undefined;
      this.setHeader(INTEGRITY_HEADER, signedIn ? integrityHeaderValue(state) : state.status);
      return writeHead.apply(this, args);
    } as Response['writeHead'];
    next();
  };
}
