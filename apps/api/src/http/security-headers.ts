import type { AppConfig } from '@pks/infrastructure';
import helmet from 'helmet';

/**
 * helmet's headers on every answer. Its Content-Security-Policy lets the page fetch from this origin only; with
 * the OIDC sign-in the page also fetches the issuer's discovery document and token endpoint, so the issuer's
 * origin is added to `connect-src` (and nothing else: the sign-in itself is a top-level navigation).
 */
export function securityHeaders(config: AppConfig) {
  const { auth } = config;
  if (auth.mode !== 'oidc' || auth.browserSignIn === undefined) return helmet();
  return helmet({
    contentSecurityPolicy: { directives: { 'connect-src': ["'self'", new URL(auth.issuer).origin] } },
  });
}
