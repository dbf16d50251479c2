import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

const TOKEN = /^[\x21-\x7e]{1,200}$/;

/** The client's `X-Correlation-Id` when it is a printable token, else a fresh one (logged, sent back, recorded). */
export function correlationIdOf(request: IncomingMessage): string {
  const value = request.headers['x-correlation-id'];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text !== undefined && TOKEN.test(text) ? text : randomUUID();
}

/** Who made the request: the authenticated subject once authentication has run, else `anonymous`. */
export function subjectOf(request: IncomingMessage): string {
  const sub = (request as { user?: { sub?: unknown } }).user?.sub;
  return typeof sub === 'string' && sub !== '' ? sub : 'anonymous';
}

/** The route template that answered (`/agreements/:id/cohorts`), or null when no route matched. */
export function routeOf(request: IncomingMessage): string | null {
  const path = (request as { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? path : null;
}
