import type { TokenVerifier } from '@pks/infrastructure';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RouteTable } from '../http/route-table';
import type { AccessRequest } from './access-request';
import { authenticate } from './bearer';

const WITHOUT_BODY: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates a command before its body is parsed: a caller without a valid token gets 401 without making the
 * service read and parse up to BODY_LIMIT of JSON. Requests to no route are left to the router (404, 405); the
 * guard still decides what the authenticated caller may do.
 */
export function bearerBeforeBody(verifier: TokenVerifier, routes: () => RouteTable): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (WITHOUT_BODY.has(req.method) || !routes().methodsOf(req.path).includes(req.method)) return next();
    authenticate(req.headers.authorization, verifier).then(
      (identity) => {
        (req as AccessRequest).user = identity;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}
