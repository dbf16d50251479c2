import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Level, Logger } from 'pino';
import { correlationIdOf, routeOf, subjectOf } from './request-identity';

/** What the error filter leaves on a response for its log line: the fault and the incident id the client got. */
export interface ResponseFault {
  readonly err?: unknown;
  readonly locals?: { incident?: string };
}

/**
 * One JSON line per request, written when the response has been sent (or the connection closed):
 * `{ correlationId, subject, method, url, route, status, durationMs }`, plus `err` (with its stack) and
 * `incident` for a fault. The correlation id comes from `X-Correlation-Id` or is made here, and is sent back in
 * the same header (and is the request's `id`). Registered before any other middleware, so that requests refused
 * early are logged too.
 *
 * Written by hand rather than with pino-http: that made a child logger for every request, whether its line was
 * written or not (5% of the request loop under load, issue 14); here a line costs only when its level is on.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const correlationId = correlationIdOf(req);
    res.setHeader('X-Correlation-Id', correlationId);
    (req as { id?: string }).id = correlationId;
    const answered = () => {
      res.removeListener('finish', answered);
      res.removeListener('close', answered);
      writeLine(logger, req, res, correlationId, Math.round(performance.now() - started));
    };
    res.on('finish', answered);
    res.on('close', answered);
    next();
  };
}

function writeLine(logger: Logger, req: IncomingMessage, res: ServerResponse, correlationId: string, ms: number) {
  const { err, locals } = faultOf(res);
  const level: Level = err !== undefined ? 'error' : res.statusCode >= 500 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      correlationId,
      ...line(req, res, ms),
      ...(err === undefined ? {} : { err }),
      ...(locals?.incident === undefined ? {} : { incident: locals.incident }),
    },
    summary(req, res),
  );
}

function line(req: IncomingMessage, res: ServerResponse, durationMs: number) {
  return {
    subject: subjectOf(req),
    method: req.method,
    url: redacted((req as { originalUrl?: string }).originalUrl ?? req.url ?? ''),
    route: routeOf(req),
    status: res.statusCode,
    durationMs,
  };
}

/**
 * Query parameters that carry a credential: the OIDC sign-in's return to the dashboard (`code`, `state`), and
 * tokens a mistaken client puts in a URL. They are replaced in the log line, never written out.
 */
const SECRET_PARAMETERS = /([?&](?:code|state|session_state|access_token|id_token|token)=)[^&#]*/gi;

export function redacted(url: string): string {
  return url.replace(SECRET_PARAMETERS, '$1[redacted]');
}

function summary(req: IncomingMessage, res: ServerResponse): string {
  return `${req.method} ${routeOf(req) ?? redacted(req.url ?? '')} ${res.statusCode}`;
}

function faultOf(res: ServerResponse): ResponseFault {
  return res as ServerResponse & ResponseFault;
}
