import type { OpenAPIObject } from '@nestjs/swagger';
import { accessOf } from './access-policy';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Declares the bearer scheme and, on every operation, what the access policy says of its route: the bearer
 * scheme and the roles that may call it; for a public route what the operation declares itself (`/metrics` has
 * a guard of its own), else `security: []`.
 */
export function declareSecurity(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    securitySchemes: {
      ...document.components?.securitySchemes,
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'a token from `npm run cli -- token` (embedded issuer) or from the configured OIDC issuer',
      },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const access = accessOf(`${method.toUpperCase()} ${path}`);
      operation.security = access?.public ? (operation.security ?? []) : [{ bearer: [] }];
      if (access !== undefined && !access.public) {
        Object.assign(operation, { 'x-roles': ['admin', ...access.roles], 'x-scope': access.scope });
      }
    }
  }
  return document;
}
