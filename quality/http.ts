/**
 * The steward's quality report on the gateway:
 *
 *   GET /quality         the HTML report (inline SVG charts)
 *   GET /quality.json    the same report as JSON
 *   GET /quality.csv     one CSV line per check and community
 *
 * Query parameters: `community` (a district, subdistrict or community code) and `subgraph`
 * (repeatable). Only for a token or API key with `steward:read` (401 without credentials, 403
 * without the scope, as problem+json); a token confined to communities sees only theirs.
 *
 * The page serves the newest **recorded** run (quality/recorded.ts), saying when it was computed,
 * by whom and with which command; it does not compute on request: district-wide checks read whole
 * tables and would outlast the request's statement timeout. `npm run quality` (by hand or on a
 * schedule) records runs. With no recorded run yet the answer is 404 (problem+json, or a page for
 * /quality) telling the steward to run it. Every read is audited before the answer is sent (fail
 * closed: 503).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hashOperation, type AuditWriter } from '../audit/writer.ts';
import { BridgeError } from '../bridge/problem.ts';
import { headersOf, problemOf, queryParameters, sendProblem } from '../bridge/http.ts';
import { checkClaims } from '../lib/auth/scopes.ts';
import { env, SUBGRAPHS, type SubgraphName } from '../lib/config.ts';
import { CHECKS } from './checks.ts';
import type { Database } from '../lib/db.ts';
import { ERROR_CODES } from '../lib/error-codes.ts';
import type { RequestAuthentication } from '../gateway/auth.ts';
import { noRunHtml, qualityHtml } from './html.ts';
import { recordedQuality } from './recorded.ts';
import { qualityCsv, qualityReport } from './report.ts';
import { checkScopeCode } from './statement.ts';

export type QualityRouteOptions = {
  /** Every subgraph's database; unset: the gateway has none, and /quality says so (404). */
  databases?: Record<SubgraphName, Database>;
  /** Where reads of the report are audited. */
  audit?: AuditWriter;
  authenticate: (headers: Headers) => Promise<RequestAuthentication>;
  /** Small-cell threshold; default QUALITY_MIN_CELL. */
  minCell?: number;
};

export type QualityRoutes = {
  handles(path: string): boolean;
  listener(req: IncomingMessage, res: ServerResponse): void;
};

const PATHS = new Set(['/quality', '/quality.json', '/quality.csv']);

export function createQualityRoutes(options: QualityRouteOptions): QualityRoutes {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      throw new BridgeError({ status: 405, code: ERROR_CODES.BAD_REQUEST, title: 'Method not allowed', detail: `${req.method} is not served; the quality report is read-only (GET)` });
    }
    const auth = await options.authenticate(headersOf(req));
    if ('code' in auth) throw new BridgeError({ status: auth.status, code: auth.code, detail: auth.message });
    if (!auth.payload) throw new BridgeError({ status: 401, code: ERROR_CODES.UNAUTHENTICATED, detail: 'The quality report needs a token or API key with the steward:read scope' });
    const claims = checkClaims(auth.payload);
    if (!claims.ok) throw new BridgeError({ status: 401, code: ERROR_CODES.INVALID_TOKEN_CLAIMS, detail: claims.message });
    const viewer = claims.viewer;
    if (!viewer.scopes.has('steward:read')) throw new BridgeError({ status: 403, code: ERROR_CODES.FORBIDDEN, detail: 'The quality report needs the steward:read scope, which this token does not carry' });
    if (!options.databases) throw new BridgeError({ status: 404, code: ERROR_CODES.NOT_FOUND, detail: 'This gateway has no database connections, so it does not serve the quality report; use npm run quality' });

    const params = queryParameters(req.url);
    for (const name of new Set(params.keys())) {
      if (name !== 'community' && name !== 'subgraph') throw new BridgeError({ status: 400, code: ERROR_CODES.BAD_USER_INPUT, parameter: name, detail: `Unknown query parameter "${name}"; the report takes community and subgraph` });
    }
    let prefix: string | null = null;
    const community = params.get('community');
    if (community !== null) {
      const checked = checkScopeCode(community);
      if (!checked.ok) throw new BridgeError({ status: 400, code: ERROR_CODES.BAD_USER_INPUT, parameter: 'community', detail: checked.message });
      prefix = checked.code;
    }
    const wanted = params.getAll('subgraph');
    // the subgraphs with checks (the alerts subgraph has none)
    const checked = SUBGRAPHS.filter((s) => CHECKS.some((c) => c.subgraph === s));
    for (const s of wanted) {
      if (!(checked as readonly string[]).includes(s)) throw new BridgeError({ status: 400, code: ERROR_CODES.BAD_USER_INPUT, parameter: 'subgraph', detail: `subgraph must be one of ${checked.join(', ')}, got ${JSON.stringify(s)}` });
    }
    const subgraphs = wanted.length ? checked.filter((s) => wanted.includes(s)) : checked;

    const run = await recordedQuality(options.databases, { scope: { prefix, communities: viewer.communities }, subgraphs });
    if (!run) {
      const detail = `No quality run is recorded yet for ${subgraphs.join(', ')}; the page shows the last recorded run, so run npm run quality (by hand or on a schedule) first`;
      if (path === '/quality') {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
        res.end(req.method === 'HEAD' ? undefined : noRunHtml());
        return;
      }
      throw new BridgeError({ status: 404, code: ERROR_CODES.NOT_FOUND, title: 'No quality run recorded', detail });
    }
    const report = qualityReport(run, options.minCell ?? env().QUALITY_MIN_CELL);
    // audited before the answer: the report holds no personal data, but who read which part is kept
    if (options.audit) {
      const headers = headersOf(req);
      try {
        await options.audit.append({
          subject: viewer.subject, roles: viewer.roles, subgraph: 'quality', operationName: `GET ${path}`,
          operationHash: hashOperation(`GET ${req.url ?? path}`), clientName: headers.get('graphql-client-name'),
          purpose: headers.get('x-purpose'), personIds: [], addressCodes: prefix ? [prefix] : [...(viewer.communities ?? [])],
          requestId: headers.get('x-request-id'),
        });
      } catch {
        throw new BridgeError({ status: 503, code: ERROR_CODES.AUDIT_UNAVAILABLE, detail: 'The audit log could not be written, so the report was not sent; try again' });
      }
    }
    const send = (type: string, body: string) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (path === '/quality.json') return send('application/json; charset=utf-8', JSON.stringify(report, null, 2));
    if (path === '/quality.csv') return send('text/csv; charset=utf-8', qualityCsv(report));
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    return send('text/html; charset=utf-8', qualityHtml(report));
  };
  return {
    handles: (p) => PATHS.has(p),
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
