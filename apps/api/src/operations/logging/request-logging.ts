import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
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
 * the same header. Registered before any other middleware, so that requests refused early are logged too.
 */
export function requestLogging(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'correlationId' },
    genReqId: (req, res) => {
      const id = correlationIdOf(req);
      res.setHeader('X-Correlation-Id', id);
      return id;
    },
    customLogLevel: (_req, res) => (faultOf(res).err !== undefined ? 'error' : res.statusCode >= 500 ? 'warn' : 'info'),
    customSuccessMessage: (req, res) => summary(req, res),
    customErrorMessage: (req, res) => summary(req, res),
    customSuccessObject: (req, res, val: { responseTime: number }) => line(req, res, val.responseTime),
    customErrorObject: (req, res, _error, val: { responseTime: number }) => {
      const { err, locals } = faultOf(res);
      // pino-http makes up an error for every 5xx; only a fault the filter saw has a stack worth reading.
      return {
        ...line(req, res, val.responseTime),
        ...(err === undefined ? {} : { err }),
        ...(locals?.incident === undefined ? {} : { incident: locals.incident }),
      };
    },
  });
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
