/**
 * REST: `GET /rest/<set>` for every view of the registry, in JSON, NDJSON, CSV or XLSX (by
 * `Accept` or `?format=`), a page at a time with `Link: rel="next"` or the whole set with
 * `?all=true` (streamed from the first row, bounded memory), filters from the registry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { env } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import type { Executor } from './execute.ts';
import { FORMATS, formatOfAccept, sinkFor, type Format } from './formats.ts';
import { headersOf, problemOf, publicBase, queryParameters, sendProblem } from './http.ts';
import { takeExportSlot } from './export-slots.ts';
import { allPages, fetchPage, type PageRequest } from './pages.ts';
import { filterVariables } from './params.ts';
import { badParameter, BridgeError } from './problem.ts';
import type { View } from './registry.ts';
import { viewNamed } from './views/index.ts';

/** Default rows of a REST page. */
export const DEFAULT_LIMIT = 100;

function formatOf(req: IncomingMessage, params: URLSearchParams): Format {
  const asked = params.get('format');
  if (asked !== null) {
    if (!(asked in FORMATS)) throw badParameter('format', `format must be one of ${Object.keys(FORMATS).join(', ')}; got "${asked}"`);
    return asked as Format;
  }
  const accept = req.headers.accept ?? null;
  const format = formatOfAccept(accept);
  if (format) return format;
  if (!accept) return 'json';
  throw new BridgeError({ status: 406, code: 'BAD_USER_INPUT', detail: `None of the types in Accept (${accept}) is served; ask for ${Object.values(FORMATS).join(', ')}` });
}

function limitOf(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null) return DEFAULT_LIMIT;
  const max = env().BRIDGE_MAX_PAGE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max) throw badParameter('limit', `limit must be a whole number from 1 to ${max}; got "${raw}" (use cursor paging or all=true for more)`);
  return n;
}

function allOf(params: URLSearchParams): boolean {
  const raw = params.get('all');
  if (raw === null || raw === 'false') return false;
  if (raw === 'true') return true;
  throw badParameter('all', `all must be true or false; got "${raw}"`);
}

/** The URL of the page after this one: the same request with `cursor` set. */
function nextLink(req: IncomingMessage, view: View, params: URLSearchParams, cursor: string): string {
  const next = new URLSearchParams();
  for (const [name, value] of params) if (name !== 'cursor') next.append(name, value);
  next.append('cursor', cursor);
  // URLSearchParams writes a space as +; encodeURIComponent keeps a literal + as %2B: both read back
  return `${publicBase(req)}/rest/${view.name}?${next.toString()}`;
}

function headFor(format: Format, view: View, all: boolean): Record<string, string> {
  const head: Record<string, string> = { 'content-type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : format === 'xlsx' ? FORMATS.xlsx : `${FORMATS[format]}; charset=utf-8`, 'cache-control': 'no-store' };
  if (format === 'csv' || format === 'xlsx') head['content-disposition'] = `attachment; filename="${view.name}${all ? '' : '-page'}.${format}"`;
  return head;
}

/** Serves `GET /rest/<set>`; `path` is the part after /rest/. */
export async function serveRestSet(req: IncomingMessage, res: ServerResponse, executor: Executor, name: string): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const instance = req.url?.split('?')[0];
  let sink: ReturnType<typeof sinkFor> | undefined;
  let releaseSlot: (() => void) | undefined;
  try {
    const view = viewNamed(name);
    if (!view) throw new BridgeError({ status: 404, code: 'NOT_FOUND', detail: `There is no set "${name}"; GET /rest/ lists them` });
    const params = queryParameters(req.url);
    const variables = filterVariables(view, params);
    const format = formatOf(req, params);
    const all = allOf(params);
    const limit = all ? undefined : limitOf(params);
    const cursor = params.get('cursor');
    const request: PageRequest = { executor, headers: headersOf(req), variables, signal: controller.signal, serverContext: { req } };
    if (!all) {
      const page = await fetchPage(view, request, limit!, cursor);
      const next = page.hasNextPage && page.endCursor ? nextLink(req, view, params, page.endCursor) : null;
      const head = headFor(format, view, false);
      if (next) head.link = `<${next}>; rel="next"`;
      res.writeHead(200, head);
      sink = sinkFor(format, res, view.columns, view);
      await sink.write(page.rows);
      await sink.end(next);
      return;
    }
    // a whole export: admitted only while fewer than BRIDGE_MAX_EXPORTS stream (bounded memory);
    // the slot is given back when it ends, fails or the client goes away
    releaseSlot = takeExportSlot();
    res.once('close', releaseSlot);
    // the first page decides the status (a refused scope is still a clean 403)
    const pages = allPages(view, request, { after: cursor });
    const first = await pages.next();
    res.writeHead(200, { ...headFor(format, view, true), 'transfer-encoding': 'chunked' });
    sink = sinkFor(format, res, view.columns, view);
    let rows = 0;
    if (!first.done) {
      await sink.write(first.value.rows);
      rows += first.value.rows.length;
      for await (const page of pages) {
        if (controller.signal.aborted) return;
        await sink.write(page.rows);
        rows += page.rows.length;
      }
    }
    await sink.end(null);
    logger.info({ component: 'bridge', set: view.name, format, rows }, 'export finished');
  } catch (error) {
    if (controller.signal.aborted && !res.writableEnded) return; // the client went away
    const problem = problemOf(error);
    if (!res.headersSent) {
      sendProblem(res, problem, instance);
      return;
    }
    logger.warn({ component: 'bridge', code: problem.code, subgraph: problem.subgraph }, 'export aborted after it started');
    if (sink) sink.abort(problem.detail);
    else res.destroy();
  } finally {
    releaseSlot?.();
  }
}
