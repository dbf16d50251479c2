import type { TokenIdentity } from '@pks/infrastructure';
import type { Request } from 'express';
import type { AccessGrant } from './access-grant';

/**
 * A request as the access guard leaves it: `user` is the verified identity (read by the request log too),
 * `access` what the guard granted.
 */
export type AccessRequest = Request & { user?: TokenIdentity; access?: AccessGrant };

/** The grant of a request that passed the guard; a route reached without one is a wiring fault, not a client's. */
export function grantOf(request: Request): AccessGrant {
  const grant = (request as AccessRequest).access;
  if (grant === undefined) throw new Error(`no access grant for ${request.method} ${request.path}`);
  return grant;
}
