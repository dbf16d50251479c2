import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AgreementPartiesDirectory } from '@pks/application';
import type { TokenVerifier } from '@pks/infrastructure';
import { HttpProblem } from '../http/http-problem';
import { decideAccess } from './access-decision';
import { accessOf, routeKeyOf } from './access-policy';
import type { AccessRequest } from './access-request';
import { authenticate } from './bearer';
import { RateLimiter } from './rate-limiter';

/** DI token of the TokenVerifier the app was configured with. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * The one gate of every route (API.md "Access"): the bearer token authenticates (401 UNAUTHENTICATED), the
 * access policy's entry for the route decides the role acted in and its scope (403 FORBIDDEN; a route with no
 * entry is refused), then the subject's rate limit counts (429 RATE_LIMITED). The request carries the identity
 * (`user`) and the grant (`access`) on to the controllers, the interceptor that masks and logs, and the logs.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly parties: AgreementPartiesDirectory,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AccessRequest>();
    const route = routeKeyOf(request.method, (request.route as { path: string }).path);
    const access = accessOf(route);
    const identify = () => authenticate(request.headers.authorization, this.verifier);
    if (access?.public) {
      request.user = await identify().catch(() => undefined);
      return true;
    }
    // A command's bearer was checked before its body was read (bearerBeforeBody): not verified twice.
    request.user ??= await identify();
    if (access === undefined) throw new HttpProblem(403, 'FORBIDDEN', 'no access rule allows this route to anyone');
    const grant = await decideAccess(request.user, route, access, request, this.parties);
    if (access.rateLimit) await this.limiter.count(access.rateLimit, grant.sub, grant.role);
    request.access = grant;
    return true;
  }
}
