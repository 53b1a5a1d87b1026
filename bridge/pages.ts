/**
 * Paging a view through the graph: one operation per page, keyset cursors from the connection,
 * any GraphQL error turned into a BridgeError (never a short page that looks whole).
 */
import { setImmediate } from 'node:timers/promises';
import { FUTIAN_DISTRICT } from '../address/divisions.ts';
import { env } from '../lib/config.ts';
import type { Executor } from './execute.ts';
import { BridgeError, problemOfGraphQLErrors } from './problem.ts';
import { rowsOfPage, valueAt, type Row, type View } from './registry.ts';

export type Page = { rows: Row[]; endCursor: string | null; hasNextPage: boolean };

export type PageRequest = {
  executor: Executor;
  /** The caller's request headers (credentials). */
  headers: Headers;
  /** Filter variables, already validated. */
  variables: Record<string, unknown>;
  signal: AbortSignal;
  /** The caller's connection as the gateway's plugins see it (`{ req }`). */
  serverContext?: Record<string, unknown>;
};

/** The name of a named query document; a view's operation must have one (it is what the audit log records). */
function operationName(operation: string): string {
  const name = /^\s*query\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(operation)?.[1];
  if (!name) throw new Error(`a bridge operation must be a named query: ${operation.slice(0, 60)}`);
  return name;
}

/**
 * Runs one operation of `view` (its own, or one derived from it such as a count) as the caller and
 * returns its data: the view's fixed variables and the district as the default root are added,
 * an unreachable gateway is a 502 and any GraphQL error a BridgeError (never a short answer).
 */
export async function runOperation(view: View, request: PageRequest, operation: string, variables: Record<string, unknown>): Promise<unknown> {
  const vars: Record<string, unknown> = { ...view.variables, ...variables };
  if (view.root && vars[view.root] === undefined) vars[view.root] = FUTIAN_DISTRICT.code;
  let response;
  try {
    response = await request.executor({ query: operation, operationName: operationName(operation), variables: vars }, request.headers, request.signal, request.serverContext);
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw new BridgeError({ status: 502, code: 'SUBGRAPH_UNAVAILABLE', detail: `The gateway could not be reached: ${(error as Error).message}` });
  }
  if (response.body.errors?.length) throw problemOfGraphQLErrors(response.status, response.body.errors);
  return response.body.data;
}

/** Fetches one page of `first` rows after `after` (null: the first page). */
export async function fetchPage(view: View, request: PageRequest, first: number, after: string | null): Promise<Page> {
  const data = await runOperation(view, request, view.operation, { ...request.variables, first, after });
  const connection = valueAt(data, view.connection) as { edges?: { node: Row }[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } } | null;
  if (!connection?.edges || !connection.pageInfo) {
    throw new BridgeError({ status: 502, code: 'INTERNAL_SERVER_ERROR', detail: `The graph returned no ${view.connection} for ${view.name}` });
  }
  return { rows: rowsOfPage(view, connection.edges.map((e) => e.node)), endCursor: connection.pageInfo.endCursor, hasNextPage: connection.pageInfo.hasNextPage };
}

/**
 * Every page from `after` to the end, in order. The next page is requested as soon as the
 * current one arrives, so the graph works while the caller writes rows out; at most one page is
 * held ahead, so memory stays bounded however long the set. Page sizes start small (a quick
 * first byte) and grow to BRIDGE_EXPORT_PAGE (or the view's cap, when smaller).
 */
export async function* allPages(view: View, request: PageRequest, options: { after?: string | null; firstPage?: number; largestPage?: number } = {}): AsyncGenerator<Page> {
  const largest = Math.min(view.maxPage, options.largestPage ?? env().BRIDGE_EXPORT_PAGE);
  let size = Math.min(options.firstPage ?? 500, largest);
  let next: Promise<Page> | null = fetchPage(view, request, size, options.after ?? null);
  // one client request is one request for the gateway's rate limit, however many pages it takes
  const later: PageRequest = { ...request, serverContext: { ...request.serverContext, bridgeContinuation: true } };
  while (next) {
    const page: Page = await next;
    // the event loop turns between pages: on the embedded engine a page's queries never leave the
    // process, and without this a whole export would run before any other request, the client's
    // socket, or a shutdown got a turn
    await setImmediate();
    size = Math.min(size * 4, largest);
    next = page.hasNextPage && page.endCursor ? fetchPage(view, later, size, page.endCursor) : null;
    // a prefetch that fails while the caller still writes must not become an unhandled rejection
    next?.catch(() => {});
    yield page;
  }
}
