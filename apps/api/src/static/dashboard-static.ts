import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

/** `dashboards/dist`, found from this file in `apps/api/{src,dist}/static/`. */
export const DASHBOARD_DIST = resolve(__dirname, '..', '..', '..', '..', 'dashboards', 'dist');

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OSCP scorecard</title></head>
<body><h1>The dashboard is not built</h1>
<p>The API is running. Build the dashboard with <code>npm run build</code> and restart to see it here.</p>
<p>The API's health is at <a href="/api/health">/api/health</a>.</p></body></html>`;

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Serves the dashboard at `/` with a single-page-app fallback; `/api` is left to Nest. Without a
 * build, `/` answers a plain page that says so. One middleware: an API request costs a suffix and a
 * prefix check here, never a file-system lookup (a stat of dashboards/dist/api/... before every API
 * route showed in profiles under load) nor a step per rule.
 */
export function serveDashboard(app: NestExpressApplication, folder: string = DASHBOARD_DIST): void {
  const index = join(folder, 'index.html');
  const built = existsSync(index);
  const assets = built ? express.static(folder, { index: false, maxAge: '1h' }) : null;
  const pageOrNotFound = (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    response.setHeader('cache-control', 'no-cache');
    if (!built) {
      response
        .status(request.path === '/' ? 200 : 404)
        .type('html')
        .send(NOT_BUILT);
      return;
    }
    // A missing file (`/assets/old-hash.js`) is a 404, not the app: only page routes fall back.
    const lastSegment = request.path.split('/').pop() ?? '';
    if (lastSegment.includes('.')) {
      response.status(404).type('text/plain').send('Not found');
      return;
    }
    response.sendFile(index);
  };
  app.use((request: Request, response: Response, next: NextFunction) => {
    const path = request.path;
    // Source maps would hand anyone the dashboard's original source: never served.
    if (path.endsWith('.map')) {
      response.status(404).type('text/plain').send('Not found');
      return;
    }
    if (isApiPath(path)) return next();
    if (assets === null) return pageOrNotFound(request, response, next);
    assets(request, response, (error?: unknown) => {
      if (error !== undefined) return next(error);
      pageOrNotFound(request, response, next);
    });
  });
}
