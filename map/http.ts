/**
 * The hazard map (安全隐患一张图) on the gateway:
 *
 *   GET /map/                   the page (map/page/index.html)
 *   GET /map/map.js, map.css    its script and style (map/page/)
 *   GET /map/echarts.min.js     Apache ECharts, served from node_modules: nothing comes from the internet
 *   GET /map/dev-tokens.json    development only: the demo tokens for the page's token picker (404 in production)
 *
 * The page holds no data: it reads only the GraphQL API at /graphql with the token the user
 * gives it, so everything it shows is scoped, masked and audited like any other query.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type MapRouteOptions = {
  /** Development only: the demo tokens offered by the page's picker; unset (always in production): none offered. */
  demoTokens?: () => Promise<Record<string, string>>;
};

export type MapRoutes = {
  handles(path: string): boolean;
  listener(req: IncomingMessage, res: ServerResponse): void;
};

const pageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page');
const echartsFile = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');

const FILES: Record<string, { file: string; type: string }> = {
  '/map/': { file: path.join(pageDir, 'index.html'), type: 'text/html; charset=utf-8' },
  '/map/index.html': { file: path.join(pageDir, 'index.html'), type: 'text/html; charset=utf-8' },
  '/map/map.js': { file: path.join(pageDir, 'map.js'), type: 'text/javascript; charset=utf-8' },
  '/map/map.css': { file: path.join(pageDir, 'map.css'), type: 'text/css; charset=utf-8' },
  '/map/echarts.min.js': { file: echartsFile, type: 'text/javascript; charset=utf-8' },
};

/** Scripts and styles from this origin only; data only from this origin's /graphql. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export function createMapRoutes(options: MapRouteOptions = {}): MapRoutes {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('The map is read-only (GET)\n');
      return;
    }
    if (pathname === '/map') {
      res.writeHead(301, { location: '/map/' }).end();
      return;
    }
    if (pathname === '/map/dev-tokens.json') {
      if (!options.demoTokens) {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'no demo tokens: this gateway runs in production or without the development key' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(await options.demoTokens()));
      return;
    }
    const entry = FILES[pathname];
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`No map file ${pathname}\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': entry.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': pathname === '/map/echarts.min.js' ? 'public, max-age=86400' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(entry.file).on('error', () => res.destroy()).pipe(res);
  };
  return {
    handles: (p) => p === '/map' || p.startsWith('/map/'),
    listener(req, res) {
      route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('The map could not be served\n');
        else res.destroy();
      });
    },
  };
}
