import type { NestExpressApplication } from '@nestjs/platform-express';
import { static as serveStatic, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The dashboard's build (web/dist, `npm run build:web`), served by the API on the same origin: the page at `/`
 * and its bundled assets under `/assets/` (file names carry a content hash, so they are cached for a year). No
 * other path is served from the folder, so every other path stays the API's (404 NOT_FOUND when no route has it).
 * @returns false when the dashboard has not been built.
 */
export function serveDashboard(app: NestExpressApplication, webRoot: string): boolean {
  const root = resolve(webRoot);
  const page = join(root, 'index.html');
  if (!existsSync(page)) return false;
  app.use(
    '/assets',
    serveStatic(join(root, 'assets'), { immutable: true, maxAge: '365d', index: false, redirect: false }),
  );
  app.use((request: Request, response: Response, next: () => void) => {
    if (request.path !== '/' || (request.method !== 'GET' && request.method !== 'HEAD')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(page);
  });
  return true;
}
