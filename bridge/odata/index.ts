/**
 * OData v4 over the registry (bridge/views), read-only, for Power BI, Excel and other OData clients:
 *
 *   GET /odata/                      service document
 *   GET /odata/$metadata             CSDL XML
 *   GET /odata/<EntitySet>           $select $filter $orderby $top $skip $count, server-driven paging
 *   GET /odata/<EntitySet>/$count    the count, as text
 *
 * Every page runs the view's operation through the gateway as the caller. `$filter` terms that map
 * to the view's filters are pushed down into its variables; the rest is evaluated on the rows,
 * page by page, reading at most BRIDGE_SCAN_CAP rows per request: a request that reaches the cap
 * answers with the rows found so far and a nextLink that continues the scan, never a short result
 * that looks complete.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { env } from '../../lib/config.ts';
import { ERROR_CODES } from '../../lib/error-codes.ts';
import { logger } from '../../lib/logger.ts';
import type { Executor } from '../execute.ts';
import { headersOf, problemOf, publicBase, queryParameters } from '../http.ts';
import { runOperation as runViewOperation, type PageRequest } from '../pages.ts';
import { BridgeError } from '../problem.ts';
import { cellOf, rowsOfPage, valueAt, type Row, type View } from '../registry.ts';
import { countOperation, operationWithEdgeCursors } from './count.ts';
import { badRequest, notImplemented, sendODataError } from './errors.ts';
import { compileFilter, unknownProperty, type CompiledFilter, type Entity } from './filter.ts';
import { metadataDocument, serviceDocument } from './metadata.ts';
import { entityOf, entitySets, propertyName, type EntitySet, type Property } from './model.ts';
import { openSkipToken, signSkipToken, type ScanState } from './skiptoken.ts';

export type ODataOptions = {
  /** Rows a request may read to answer a residual `$filter` (default BRIDGE_SCAN_CAP). */
  scanCap?: number;
  /** Largest page of server-driven paging (default BRIDGE_MAX_PAGE). */
  maxPage?: number;
};

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const SYSTEM_OPTIONS = ['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$skiptoken', '$format'] as const;
const REFUSED_OPTIONS: Record<string, string> = {
  $expand: 'the sets are flat (related rows are columns such as address_code); $expand is not supported',
  $search: '$search is not supported; use $filter with contains()',
  $apply: '$apply (aggregation) is not supported; the Statistics set holds the counts per community and grid',
  $compute: '$compute is not supported',
  $deltatoken: 'delta links are not supported; filter on updatedAt for incremental refresh',
  $levels: '$levels is not supported',
  $index: '$index is not supported',
  $schemaversion: '$schemaversion is not supported',
};

type Query = {
  set: EntitySet;
  filter: CompiledFilter;
  select: readonly Property[];
  /** Non-null when $select names properties (the context URL lists them). */
  selected: string | null;
  top: number | null;
  skip: number;
  count: boolean;
  skiptoken: string | null;
  /** The options as given, except $skiptoken: what the nextLink repeats and the token is bound to. */
  options: [string, string][];
};

function binding(query: Query): string {
  return JSON.stringify([query.set.view.entitySet, ...query.options]);
}

function natural(name: string, raw: string): number {
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw badRequest(`${name} must be a whole number 0 or more; got "${raw}"`, name);
  return Number(raw);
}

function parseQuery(set: EntitySet, params: URLSearchParams): Query {
  const seen = new Map<string, string>();
  for (const [name, value] of params) {
    if (!name.startsWith('$')) continue; // custom query options are allowed and ignored
    if (seen.has(name)) throw badRequest(`${name} is given more than once`, name);
    if (REFUSED_OPTIONS[name]) throw notImplemented(REFUSED_OPTIONS[name], name);
    if (!(SYSTEM_OPTIONS as readonly string[]).includes(name)) throw badRequest(`${name} is not an OData system query option this service knows; it takes ${SYSTEM_OPTIONS.join(', ')}`, name);
    seen.set(name, value);
  }
  const format = seen.get('$format');
  if (format !== undefined && !/^(json|application\/json)(;.*)?$/i.test(format)) {
    throw new BridgeError({ status: 406, code: ERROR_CODES.BAD_USER_INPUT, parameter: '$format', detail: `$format=${format} is not served; the service answers in JSON ($format=json)` });
  }
  const select = selectOf(set, seen.get('$select') ?? null);
  checkOrderBy(set, seen.get('$orderby') ?? null);
  const countRaw = seen.get('$count');
  if (countRaw !== undefined && countRaw !== 'true' && countRaw !== 'false') throw badRequest(`$count must be true or false; got "${countRaw}"`, '$count');
  const options = [...seen].filter(([name]) => name !== '$skiptoken');
  return {
    set,
    filter: compileFilter(set, seen.get('$filter') ?? null),
    select: select ?? set.properties,
    selected: select ? select.map((p) => p.name).join(',') : null,
    top: seen.has('$top') ? natural('$top', seen.get('$top')!) : null,
    skip: seen.has('$skip') ? natural('$skip', seen.get('$skip')!) : 0,
    count: countRaw === 'true',
    skiptoken: seen.get('$skiptoken') ?? null,
    options,
  };
}

function selectOf(set: EntitySet, raw: string | null): Property[] | null {
  if (raw === null || raw.trim() === '*') return null;
  const names = raw.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw badRequest(`$select has an empty item: "${raw}"`, '$select');
  const picked: Property[] = [];
  for (const name of names) {
    if (name === '*') return null;
    const property = set.byName.get(name);
    if (!property) throw unknownProperty(set, name, '$select');
    if (!picked.includes(property)) picked.push(property);
  }
  return picked;
}

/** `$orderby` is served when it is the view's own order or a leading part of it; nothing is sorted here. */
function checkOrderBy(set: EntitySet, raw: string | null): void {
  if (raw === null || raw.trim() === '') return;
  const served = set.view.orderBy.map(([c, dir]) => [propertyName(c), dir] as const);
  const servedText = served.map(([c, dir]) => `${c} ${dir}`).join(',');
  const items = raw.split(',').map((item) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/i.exec(item);
    if (!m) throw notImplemented(`$orderby: "${item.trim()}" is not supported; ${set.view.entitySet} is served in the order ${servedText} (or a leading part of it)`, '$orderby');
    if (!set.byName.has(m[1])) throw unknownProperty(set, m[1], '$orderby');
    return [m[1], (m[2] ?? 'asc').toLowerCase()] as const;
  });
  const fits = items.length <= served.length && items.every(([c, dir], i) => served[i][0] === c && served[i][1] === dir);
  if (!fits) {
    throw notImplemented(`$orderby=${raw} is not supported: ${set.view.entitySet} is served in the order ${servedText} (or a leading part of it), and the bridge does not sort a district in memory`, '$orderby');
  }
}

/** `Prefer: odata.maxpagesize=N`, or null. */
function preferredPageSize(req: IncomingMessage): number | null {
  const prefer = req.headers.prefer;
  const text = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '');
  const m = /(?:^|[,;\s])odata\.maxpagesize\s*=\s*"?(\d+)"?/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? n : null;
}

function acceptsJson(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (!accept) return true;
  return /(^|,)\s*(application\/json|application\/\*|\*\/\*)/i.test(accept);
}

function hasCredentials(req: IncomingMessage): boolean {
  return Boolean(req.headers.authorization || req.headers.api_key);
}

type Context = {
  req: IncomingMessage;
  res: ServerResponse;
  /**
   * The caller's request for the next graph operation: the first of a client request counts
   * against the gateway's rate limit, later ones are marked continuations (as allPages does).
   */
  request: () => PageRequest;
  scanCap: number;
  maxPage: number;
};

/** A pushed-down `startswith(<code column>, '<code>')` whose address does not exist: no rows, not an error. */
function isNoSuchAddress(view: View, variables: Record<string, unknown>, error: unknown): boolean {
  return error instanceof BridgeError && error.problem.code === ERROR_CODES.ADDRESS_NOT_FOUND && view.root !== undefined && variables[view.root] !== undefined;
}

/** Runs one operation of a view as the caller (bridge/pages.ts), counted as the context says. */
function runOperation(context: Context, view: View, operation: string, variables: Record<string, unknown>): Promise<unknown> {
  return runViewOperation(view, context.request(), operation, variables);
}

/** Runs the count operation of a view; null when the view cannot be counted by totalCount. */
async function totalCount(context: Context, view: View, variables: Record<string, unknown>): Promise<number | null> {
  const operation = countOperation(view);
  if (!operation) return null;
  let data;
  try {
    data = await runOperation(context, view, operation, variables);
  } catch (error) {
    if (isNoSuchAddress(view, variables, error)) return 0;
    throw error;
  }
  const count = valueAt(data, `${view.connection}.totalCount`);
  if (typeof count !== 'number') throw new BridgeError({ status: 502, code: 'INTERNAL_SERVER_ERROR', detail: `The graph returned no ${view.connection}.totalCount for ${view.name}` });
  return count;
}

/** One row of a graph page and where it sits: the cursor of the node before its node, and its place among its node's rows. */
type PlacedRow = { row: Row; after: string | null; drop: number };

/** One graph page of `first` nodes after `after`, each row placed by its edge cursors. */
async function fetchRows(context: Context, view: View, variables: Record<string, unknown>, first: number, after: string | null): Promise<{ rows: PlacedRow[]; endCursor: string | null; hasNextPage: boolean }> {
  const data = await runOperation(context, view, operationWithEdgeCursors(view), { ...variables, first, after });
  const connection = valueAt(data, view.connection) as { edges?: { cursor: string; node: Row }[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } } | null;
  if (!connection?.edges || !connection.pageInfo) {
    throw new BridgeError({ status: 502, code: 'INTERNAL_SERVER_ERROR', detail: `The graph returned no ${view.connection} for ${view.name}` });
  }
  const rows: PlacedRow[] = [];
  let before = after;
  for (const edge of connection.edges) {
    rowsOfPage(view, [edge.node]).forEach((row, drop) => rows.push({ row, after: before, drop }));
    before = edge.cursor;
  }
  return { rows, endCursor: connection.pageInfo.endCursor, hasNextPage: connection.pageInfo.hasNextPage };
}

/**
 * The number of rows of the filtered set (ignoring $top and $skip): the connection's totalCount when
 * nothing is evaluated here, else by scanning within the cap; over the cap it is refused (501).
 */
async function countOf(context: Context, query: Query): Promise<number> {
  const { view } = query.set;
  if (!query.filter.residual) {
    const total = await totalCount(context, view, query.filter.variables);
    if (total !== null) return total;
  }
  let counted = 0;
  const scan = scanRows(context, query, { after: null, drop: 0, skip: 0, left: null }, context.scanCap);
  for (;;) {
    const step = await scan.next();
    if (step.done) {
      if (step.value.next) {
        const why = query.filter.residual ? `$filter terms ${query.filter.residualTerms.map((t) => `"${t}"`).join(', ')} are evaluated on the rows` : `${view.entitySet} has no totalCount in the graph`;
        throw notImplemented(`$count: ${why}, and counting needs more than the scan cap of ${context.scanCap} rows; narrow $filter with terms that push down (${pushable(view)}) or page through the set`, '$count');
      }
      return counted;
    }
    if (step.value.entity) counted++;
  }
}

function pushable(view: View): string {
  return view.filters.filter((f) => f.column).map((f) => `${propertyName(f.column!)} ${f.op === 'under' ? '(startswith with an address code)' : f.op}`).join(', ') || 'none';
}

/** One row read by a scan: its entity when it passes the residual filter (else null), and where the row after it is (null: the set ends here). */
type Scanned = { entity: Entity | null; next: ScanState | null; lastOfPage: boolean };

/**
 * Reads rows from `state` on, at most `cap` of them. Returns where the scan stopped: `next` is
 * null at the end of the set, else the position of the first row not read (the cap was reached).
 * `want` sizes the first graph page (the rows a page still needs).
 */
async function* scanRows(context: Context, query: Query, state: ScanState, cap: number, want = Infinity): AsyncGenerator<Scanned, { next: ScanState | null }> {
  const { view } = query.set;
  const residual = query.filter.residual;
  let after = state.after;
  // rows of the first node already handed out (an exploded node can span two pages)
  let drop = state.drop;
  let scanned = 0;
  let size = Math.min(view.maxPage, Math.max(1, Math.min(want, cap)));
  for (;;) {
    if (scanned >= cap) return { next: { ...state, after, drop } };
    let page;
    try {
      page = await fetchRows(context, view, query.filter.variables, size, after);
    } catch (error) {
      if (isNoSuchAddress(view, query.filter.variables, error)) return { next: null };
      throw error;
    }
    const more = page.hasNextPage && page.endCursor ? page.endCursor : null;
    const rows = page.rows.filter((r) => r.after !== state.after || r.drop >= drop);
    drop = 0;
    for (let i = 0; i < rows.length; i++) {
      const { row } = rows[i];
      if (scanned >= cap) return { next: { ...state, after: rows[i].after, drop: rows[i].drop } };
      scanned++;
      const entity = entityOf(query.set, row, cellOf);
      const keep = residual === null || residual(entity);
      const following = rows[i + 1];
      const next = following ? { ...state, after: following.after, drop: following.drop } : more ? { ...state, after: more, drop: 0 } : null;
      yield { entity: keep ? entity : null, next, lastOfPage: !following };
    }
    if (!more) return { next: null };
    after = more;
    // pages grow while a residual filter keeps discarding rows
    size = Math.min(view.maxPage, size * 4, Math.max(1, cap - scanned));
  }
}

function entityJson(query: Query, entity: Entity): string {
  if (!query.selected) return JSON.stringify(entity);
  const picked: Entity = {};
  for (const p of query.select) picked[p.name] = entity[p.name];
  return JSON.stringify(picked);
}

function nextLinkOf(context: Context, query: Query, state: ScanState): string {
  const params = [...query.options, ['$skiptoken', signSkipToken(state, binding(query))] as [string, string]];
  const text = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `${publicBase(context.req)}/odata/${query.set.view.entitySet}?${text}`;
}

async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', closed);
      resolve();
    };
    const closed = () => {
      res.off('drain', done);
      reject(new Error('the client went away'));
    };
    res.on('drain', done);
    res.on('close', closed);
  });
}

/** One page of an entity set, streamed. */
async function serveCollection(context: Context, query: Query): Promise<void> {
  const { res } = context;
  const state: ScanState = query.skiptoken ? openSkipToken(query.skiptoken, binding(query)) : { after: null, drop: 0, skip: query.skip, left: query.top };
  const preferred = preferredPageSize(context.req);
  const pageSize = Math.min(context.maxPage, preferred ?? Infinity);
  const count = query.count ? await countOf(context, query) : null;
  const want = state.left === null ? pageSize : Math.min(pageSize, state.left);

  const base = publicBase(context.req);
  const head: Record<string, string> = { 'content-type': JSON_TYPE, 'odata-version': '4.0', 'cache-control': 'no-store' };
  if (preferred !== null) head['preference-applied'] = `odata.maxpagesize=${pageSize}`;
  const opening = `{"@odata.context":${JSON.stringify(`${base}/odata/$metadata#${query.set.view.entitySet}${query.selected ? `(${query.selected})` : ''}`)}${count === null ? '' : `,"@odata.count":${count}`},"value":[`;

  let emitted = 0;
  let skip = state.skip;
  let next: ScanState | null = null;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    res.writeHead(200, head);
  };
  let buffer: string[] = [];
  const flush = async () => {
    start();
    if (buffer.length === 0) return;
    await write(res, (emitted - buffer.length === 0 ? opening : ',') + buffer.join(','));
    buffer = [];
  };

  if (want > 0) {
    // rows read are rows sent unless some are discarded here (a residual filter, $skip): only then is the scan capped
    const cap = query.filter.residual || state.skip > 0 ? context.scanCap : Infinity;
    const scan = scanRows(context, query, state, cap, want);
    for (;;) {
      const step = await scan.next();
      if (step.done) {
        next = step.value.next;
        if (next) next = { ...next, skip, left: state.left === null ? null : state.left - emitted };
        break;
      }
      const { entity, next: after, lastOfPage } = step.value;
      if (entity !== null && skip > 0) skip--;
      else if (entity !== null) {
        buffer.push(entityJson(query, entity));
        emitted++;
        if (emitted === want) {
          // the page is full: continue from the row after this one, unless $top is used up
          const left = state.left === null ? null : state.left - emitted;
          next = left === 0 || after === null ? null : { ...after, skip, left };
          await scan.return({ next: null });
          break;
        }
      }
      // rows go out as each graph page is done (or every 500 rows), so the page streams in bounded memory
      if (buffer.length >= 500 || (buffer.length > 0 && lastOfPage)) await flush();
    }
  }
  start();
  if (emitted === 0 || buffer.length > 0) {
    if (emitted === 0) await write(res, opening);
    else await flush();
  }
  const tail = next ? `],"@odata.nextLink":${JSON.stringify(nextLinkOf(context, query, next))}}` : ']}';
  res.end(tail);
  logger.debug({ component: 'bridge', set: query.set.view.entitySet, rows: emitted, pushed: query.filter.pushed, residual: query.filter.residualTerms, more: next !== null }, 'odata page');
}

async function serveCount(context: Context, query: Query): Promise<void> {
  const count = await countOf(context, query);
  const { res } = context;
  res.writeHead(200, { 'content-type': 'text/plain;charset=utf-8', 'odata-version': '4.0', 'cache-control': 'no-store' });
  res.end(String(count));
}

/** Serves `/odata...` with the signature of BridgeOptions.odata; `options` for a smaller cap or page. */
export function createOData(options: ODataOptions = {}): (req: IncomingMessage, res: ServerResponse, executor: Executor) => Promise<void> {
  return async (req, res, executor) => {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const first: PageRequest = { executor, headers: headersOf(req), variables: {}, signal: controller.signal, serverContext: { req } };
    const later: PageRequest = { ...first, serverContext: { req, bridgeContinuation: true } };
    let asked = false;
    try {
      await route(req, res, {
        req,
        res,
        request: () => {
          if (asked) return later;
          asked = true;
          return first;
        },
        scanCap: options.scanCap ?? env().BRIDGE_SCAN_CAP,
        maxPage: options.maxPage ?? env().BRIDGE_MAX_PAGE,
      });
    } catch (error) {
      if (controller.signal.aborted && !res.writableEnded) return; // the client went away
      let problem = problemOf(error);
      // an anonymous caller refused: challenge for credentials so Power BI offers Basic (API key as password)
      if (!hasCredentials(req) && (problem.status === 403 || problem.status === 401)) {
        problem = { ...problem, status: 401, detail: `${problem.detail} (send credentials: an API key as the Basic password, or a bearer token)` };
      }
      if (!res.headersSent) {
        sendODataError(res, problem);
        return;
      }
      // the page has started: break the response so no client takes it for a whole page
      logger.warn({ component: 'bridge', code: problem.code, subgraph: problem.subgraph }, 'odata page aborted after it started');
      res.destroy();
    }
  };
}

/** The OData routes with the configured cap and page size. */
export const serveOData = createOData();

async function route(req: IncomingMessage, res: ServerResponse, context: Context): Promise<void> {
  const pathname = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    throw new BridgeError({ status: 405, code: ERROR_CODES.BAD_REQUEST, detail: `${req.method} is not served; the OData service is read-only (GET)` });
  }
  const rest = pathname.replace(/^\/odata\/?/, '');
  const base = publicBase(req);
  if (rest === '') {
    res.writeHead(200, { 'content-type': JSON_TYPE, 'odata-version': '4.0' });
    res.end(JSON.stringify(serviceDocument(`${base}/odata/`)));
    return;
  }
  if (rest === '$metadata') {
    res.writeHead(200, { 'content-type': 'application/xml;charset=utf-8', 'odata-version': '4.0' });
    res.end(metadataDocument());
    return;
  }
  let resource: string;
  try {
    resource = decodeURIComponent(rest);
  } catch {
    throw badRequest(`The path has a malformed percent-encoding: /odata/${rest}`);
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\(.*\))?(\/\$count)?\/?$/.exec(resource);
  const set = m ? entitySets().get(m[1]) : undefined;
  if (!m || !set) {
    throw new BridgeError({ status: 404, code: ERROR_CODES.NOT_FOUND, detail: `There is no resource /odata/${rest}; the entity sets are ${[...entitySets().keys()].join(', ')}` });
  }
  if (m[2]) throw notImplemented(`Addressing one entity by key (${m[1]}${m[2]}) is not supported; use $filter on the key (${set.key.map((k) => k.name).join(', ')})`);
  if (!m[3] && !acceptsJson(req)) {
    throw new BridgeError({ status: 406, code: ERROR_CODES.BAD_USER_INPUT, detail: `None of the types in Accept (${req.headers.accept}) is served; the service answers application/json` });
  }
  const query = parseQuery(set, queryParameters(req.url));
  if (m[3]) return serveCount(context, query);
  return serveCollection(context, query);
}
