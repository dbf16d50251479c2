import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@pks/infrastructure';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpProblem } from '../../http/http-problem';

/** Roles whose signed-in users may read the metrics (once authentication sets `request.user`). */
const METRICS_ROLES: ReadonlySet<string> = new Set(['admin', 'auditor']);

/**
 * `/metrics` tells how busy the ledger is and how it fails: not for anyone who can reach the port. It answers
 * a scraper holding `METRICS_TOKEN` as a bearer token, a signed-in admin or auditor, or anyone when
 * `METRICS_PUBLIC=true` (a scraper on a closed network).
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.config.metricsPublic) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const roles = (request as { user?: { roles?: unknown } }).user?.roles;
    if (Array.isArray(roles)) {
      if (roles.some((role) => METRICS_ROLES.has(role as string))) return true;
      throw new HttpProblem(403, 'FORBIDDEN', 'the metrics are for admins, auditors and the metrics scraper');
    }
    if (this.holdsMetricsToken(request)) return true;
    throw new HttpProblem(401, 'UNAUTHENTICATED', 'the metrics need a bearer token', undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }

  private holdsMetricsToken(request: Request): boolean {
    const expected = this.config.metricsToken;
    const match = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '');
    if (expected === undefined || match === null) return false;
    // Digests of equal length, so that the comparison takes the same time whatever the token.
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return timingSafeEqual(digest(match[1]), digest(expected));
  }
}
