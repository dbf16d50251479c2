import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApplicationError, type CommandContext } from '@pks/application';
import { canonicalJson } from '@pks/event-store';
import type { Request } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { grantOf } from '../access/access-request';

const TOKEN = /^[\x21-\x7e]{1,200}$/;

/**
 * The command's context from its HTTP request: the actor and role the access guard granted (the bearer token's
 * subject: an `X-Actor` header is ignored), `Idempotency-Key` (with a fingerprint of method, path and body),
 * `If-Match: "<version>"`, and `X-Correlation-Id`.
 */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<Request>();
  const commandId = randomUUID();
  const grant = grantOf(request);
  const key = header(request, 'idempotency-key');
  const context: CommandContext = {
    commandId,
    actor: grant.sub,
    role: grant.role,
    // The request's log line carries the same id (made by the request logger when the client sent none).
    correlationId: header(request, 'x-correlation-id') ?? requestId(request) ?? commandId,
    causationId: commandId,
    expectedVersion: ifMatch(header(request, 'if-match')),
  };
  if (key === undefined) return context;
  // The route and its decoded parameters, not the raw URL: a trailing slash or an encoded character reaches the
  // same command and must not look like another request.
  const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
  const fingerprint = `${request.method} ${route} ${canonicalJson(request.params ?? {})}\n${canonicalJson(request.body ?? null)}`;
  return { ...context, idempotency: { key, requestHash: createHash('sha256').update(fingerprint).digest('hex') } };
});

function requestId(request: Request): string | undefined {
  const id = (request as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  if (!TOKEN.test(text.trim().replace(/ /g, '_'))) {
    throw new ApplicationError('VALIDATION_FAILED', `header ${name} must be 1-200 printable characters`, [
      { path: `headers.${name}`, reason: 'must be 1-200 printable characters' },
    ]);
  }
  return text.trim();
}

/** `If-Match: "3"` (or 3): the agreement stream version the client last saw. */
function ifMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  if (!match) {
    throw new ApplicationError('VALIDATION_FAILED', 'If-Match must be a stream version such as "3"', [
      { path: 'headers.if-match', reason: 'must be a stream version such as "3"' },
    ]);
  }
  return Number(match[1]);
}
