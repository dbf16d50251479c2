import type { NextFunction, Request, Response } from 'express';

/**
 * The API's answers are never kept by a browser's or a proxy's cache: they carry workers' NIKs and names for
 * those allowed to see them, and figures that change with every event, so each is `Cache-Control: no-store`
 * and is sent without an ETag (Express's default hashed every answer's body for one, which a client told not
 * to store never sends back). The dashboard's page and assets are served before this and keep their own.
 */
export function answersNotStored(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
