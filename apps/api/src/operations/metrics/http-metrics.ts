import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { routeOf } from '../logging/request-identity';
import type { ServiceMetrics } from './service-metrics';

/** Times every request by route template (never by raw URL: a NIK in a path would be a label per person). */
export function httpMetrics(metrics: ServiceMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.once('finish', () =>
      metrics.requestAnswered(req.method, routeOf(req) ?? 'none', res.statusCode, (performance.now() - started) / 1000),
    );
    next();
  };
}
