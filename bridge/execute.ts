/**
 * How the bridge reaches the graph: every page is a named GraphQL operation sent to the gateway
 * with the caller's credentials, so the gateway verifies them and applies scopes, community
 * scoping, masking and the audit trail exactly as for any client. In the gateway's process the
 * request goes straight to its handler (no socket); a standalone bridge sends it over HTTP.
 */
import type { ExecutionResult } from 'graphql';

export type GraphQLRequest = { query: string; operationName: string; variables: Record<string, unknown> };
export type GraphQLResponse = { status: number; body: ExecutionResult };

/**
 * Runs one operation as the caller whose request headers are given. `serverContext` is what the
 * gateway's plugins see of the caller's connection (`req`: the rate limit keys anonymous callers by IP).
 */
export type Executor = (request: GraphQLRequest, headers: Headers, signal: AbortSignal, serverContext?: Record<string, unknown>) => Promise<GraphQLResponse>;

/** Request headers passed on to the gateway: the caller's credentials and request metadata. */
const FORWARDED = ['authorization', 'api_key', 'x-request-id', 'x-purpose', 'user-agent'];

/** The headers of the gateway request made for a bridge request. */
export function forwardedHeaders(from: Headers): Headers {
  const headers = new Headers({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'graphql-client-name': 'address-graph-bridge' });
  for (const name of FORWARDED) {
    const value = from.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

type FetchHandler = (request: Request, serverContext?: Record<string, unknown>) => Response | Promise<Response>;

async function readResponse(response: Response): Promise<GraphQLResponse> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as ExecutionResult };
  } catch {
    return { status: response.status, body: { errors: [{ message: `The gateway answered ${response.status} without a GraphQL body` }] } as unknown as ExecutionResult };
  }
}

/** Where the gateway's plugin leaves a bridge request's `data` (see useDataHandOver). */
type DataSink = { handedOver: boolean; data: unknown };
const SINK = 'bridgeDataSink';

/**
 * A gateway plugin for the in-process bridge: the `data` of a bridge request's result is handed to
 * the bridge as the object the gateway built instead of being encoded as JSON and parsed again
 * (each export row would cross that encoding once more). Everything else of the response stays
 * what any client gets: status, headers and the errors, encoded as usual, with `data: null` in
 * the body; requests not made by the in-process bridge are untouched.
 */
export function useDataHandOver() {
  return {
    onResultProcess({ serverContext, result, setResult }: { serverContext?: unknown; result: unknown; setResult(result: unknown): void }) {
      const sink = (serverContext as Record<string, unknown> | undefined)?.[SINK] as DataSink | undefined;
      if (!sink || !result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result || !('data' in result)) return;
      const { data } = result as { data: unknown };
      if (data == null) return;
      sink.handedOver = true;
      sink.data = data;
      setResult({ ...result, data: null });
    },
  };
}

/** Runs operations through a gateway handler in this process. */
export function inProcessExecutor(handler: FetchHandler): Executor {
  return async (request, headers, signal, serverContext = {}) => {
    const sink: DataSink = { handedOver: false, data: null };
    const response = await handler(
      new Request('http://gateway.internal/graphql', { method: 'POST', headers: forwardedHeaders(headers), body: JSON.stringify(request), signal }),
      { ...serverContext, [SINK]: sink },
    );
    const read = await readResponse(response);
    if (sink.handedOver) read.body = { ...read.body, data: sink.data as ExecutionResult['data'] };
    return read;
  };
}

/** Runs operations through a gateway reached over HTTP (`npm run bridge`). */
export function httpExecutor(gatewayUrl: string): Executor {
  return async (request, headers, signal) => {
    const response = await fetch(gatewayUrl, { method: 'POST', headers: forwardedHeaders(headers), body: JSON.stringify(request), signal });
    return readResponse(response);
  };
}
