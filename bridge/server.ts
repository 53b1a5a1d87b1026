/**
 * The BI bridge's routes, mounted by the gateway (and by the standalone `npm run bridge`):
 *
 *   GET /rest/                  the sets, with links
 *   GET /rest/<set>             a page or a whole export (bridge/rest.ts)
 *   GET /rest/openapi.json      OpenAPI 3.1, generated from the registry
 *   GET /rest/docs/             API docs (swagger-ui, bundled: works offline, no online validator)
 *   /odata/...                  OData v4 (bridge/odata/)
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Executor } from './execute.ts';
import { problemOf, publicBase, sendProblem } from './http.ts';
import { serveOData } from './odata/index.ts';
import { openApiDocument } from './openapi.ts';
import { BridgeError } from './problem.ts';
import { serveRestSet } from './rest.ts';
import { VIEWS } from './views/index.ts';

export type BridgeOptions = {
  /** How operations reach the gateway (in-process or over HTTP). */
  executor: Executor;
  /** The OData routes (`/odata...`); default bridge/odata serveOData. */
  odata?: (req: IncomingMessage, res: ServerResponse, executor: Executor) => Promise<void>;
};

export type Bridge = {
  /** Whether a request path is the bridge's. */
  handles(path: string): boolean;
  listener(req: IncomingMessage, res: ServerResponse): void;
};

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const DOC_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

function docsPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Address Graph BI bridge API</title>
<link rel="stylesheet" href="swagger-ui.css"><link rel="icon" href="favicon-32x32.png"></head>
<body><div id="docs"></div>
<script src="swagger-ui-bundle.js"></script><script src="swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '../openapi.json', dom_id: '#docs', validatorUrl: null, deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>`;
}

function sendJson(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body, null, 2));
}

export function createBridge(options: BridgeOptions): Bridge {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const pathname = url.split('?')[0];
    if (pathname === '/odata' || pathname.startsWith('/odata/')) {
      return (options.odata ?? serveOData)(req, res, options.executor);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      throw new BridgeError({ status: 405, code: 'BAD_REQUEST', title: 'Method not allowed', detail: `${req.method} is not served; the bridge is read-only (GET)` });
    }
    if (pathname === '/rest' || pathname === '/rest/') {
      const base = publicBase(req);
      return sendJson(res, 200, {
        sets: VIEWS.map((v) => ({ name: v.name, title: v.title, description: v.description, scopes: v.scopes, url: `${base}/rest/${v.name}`, csv: `${base}/rest/${v.name}?format=csv&all=true` })),
        openapi: `${base}/rest/openapi.json`,
        docs: `${base}/rest/docs/`,
        odata: `${base}/odata/`,
      });
    }
    if (pathname === '/rest/openapi.json') return sendJson(res, 200, openApiDocument(publicBase(req)));
    if (pathname === '/rest/docs') {
      res.writeHead(301, { location: '/rest/docs/' }).end();
      return;
    }
    if (pathname === '/rest/docs/' || pathname === '/rest/docs/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:" });
      res.end(docsPage());
      return;
    }
    if (pathname.startsWith('/rest/docs/')) {
      const file = pathname.slice('/rest/docs/'.length);
      const type = DOC_FILES[file];
      if (!type) throw new BridgeError({ status: 404, code: 'NOT_FOUND', detail: `No docs file ${file}` });
      res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
      createReadStream(path.join(swaggerDir, file)).pipe(res);
      return;
    }
    const name = pathname.slice('/rest/'.length).replace(/\/+$/, '');
    return serveRestSet(req, res, options.executor, name);
  };
  return {
    handles: (p) => p === '/rest' || p.startsWith('/rest/') || p === '/odata' || p.startsWith('/odata/'),
    listener(req, res) {
      route(req, res).catch((error) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        sendProblem(res, problemOf(error), req.url?.split('?')[0]);
      });
    },
  };
}
