/**
 * GraphQL over WebSocket (the `graphql-transport-ws` protocol of `graphql-ws`) on the gateway's
 * `/graphql`, beside GraphQL over SSE and HTTP: for clients that already speak it (Apollo Client's
 * GraphQLWsLink, urql, graphql-ws).
 *
 * Nothing about access is decided here. The token is checked once at connect time
 * (`connectionParams.authorization`, "Bearer <token>", checked by the same requestAuthenticator
 * as every route), and the socket is closed when that token expires (4403, `TOKEN_EXPIRED`). Each
 * operation then runs as an ordinary request through the gateway's own handler, in process, with
 * that authorization header: a subscription as GraphQL over SSE (read with `graphql-sse`'s client),
 * a query or mutation as a POST. So the rate limit, the query limits, the scope checks,
 * community scoping, masking and the audit apply exactly as over HTTP, and a refused request comes
 * back as the same error (its `extensions.code`) in a `next` message, followed by `complete`.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, type ExecutionResult } from 'graphql';
import { createClient, NetworkError } from 'graphql-sse';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ERROR_CODES } from '../lib/error-codes.ts';
import { logger } from '../lib/logger.ts';
import type { RequestAuthentication } from './auth.ts';

type Fetch = (request: Request, serverContext: Record<string, unknown>) => Promise<Response> | Response;

export type GraphqlWebSocketOptions = {
  /** The path the gateway serves GraphQL on. */
  path: string;
  /** The gateway's handlers: queries and mutations, and subscriptions (the SSE runtime). */
  queries: Fetch;
  subscriptions: Fetch;
  /** The gateway's credential check (requestAuthenticator). */
  authenticate(headers: Headers): Promise<RequestAuthentication>;
  /** Largest message a client may send, bytes (the gateway's MAX_BODY_BYTES). */
  maxPayloadBytes: number;
};

/** What a connection carries from connect to each operation. */
type Connection = { authorization: string | null; request: http.IncomingMessage };

/** The reason text of a close frame is at most 123 bytes. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

/**
 * A result as the gateway answered it, for graphql-ws, which serializes each error with its own
 * toJSON (a GraphQLError's): every error keeps exactly the JSON the gateway sent.
 */
function relayed(result: ExecutionResult): ExecutionResult {
  if (!Array.isArray(result.errors)) return result;
  const errors = result.errors.map((e) => (typeof (e as { toJSON?: unknown }).toJSON === 'function' ? e : Object.assign(Object.create(null), e, { toJSON: () => e })));
  return { ...result, errors } as ExecutionResult;
}

/** An error answer of the gateway (a refused request) as a GraphQL result. */
async function refusal(response: { status: number; text(): Promise<string> } | undefined, fallback: string): Promise<ExecutionResult> {
  if (response) {
    try {
      const body = JSON.parse(await response.text()) as ExecutionResult;
      if (Array.isArray(body.errors) && body.errors.length) return relayed({ errors: body.errors });
    } catch {
      // not JSON: the status says it
    }
    return { errors: [new GraphQLError(`The gateway answered ${response.status}`, { extensions: { code: ERROR_CODES.INTERNAL_SERVER_ERROR, http: { status: response.status } } })] };
  }
  return { errors: [new GraphQLError(fallback, { extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE } })] };
}

/**
 * Serves graphql-ws on `server`'s upgrade requests to `options.path`; returns a function that
 * closes every socket (1001, going away) and stops accepting.
 */
export function attachGraphqlWebSocket(server: http.Server, options: GraphqlWebSocketOptions): () => Promise<void> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);
  const connections = new WeakMap<object, Connection>();
  const url = `http://gateway.local${options.path}`;

  const disposable = useServer<Record<string, unknown> | undefined, { request: http.IncomingMessage }>(
    {
      connectionInitWaitTimeout: 5000,
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const raw = params.authorization ?? params.Authorization;
        const authorization = typeof raw === 'string' && raw.trim() !== '' ? raw : null;
        const auth = await options.authenticate(new Headers(authorization ? { authorization } : {}));
        if ('code' in auth) {
          ctx.extra.socket.close(CloseCode.Forbidden, closeReason(`${auth.code}: ${auth.message}`));
          return false;
        }
        connections.set(ctx, { authorization, request: ctx.extra.request });
        // the connection lives as long as its token
        const exp = auth.payload?.exp;
        if (typeof exp === 'number') {
          const timer = setTimeout(() => ctx.extra.socket.close(CloseCode.Forbidden, `${ERROR_CODES.TOKEN_EXPIRED}: the token has expired`), Math.max(0, exp * 1000 - Date.now()));
          timer.unref();
          ctx.extra.socket.once('close', () => clearTimeout(timer));
        }
        return true;
      },
      // the gateway parses, validates and plans; here only the operation's type is needed
      onSubscribe(ctx, _id, payload) {
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          return [new GraphQLError((err as Error).message, { extensions: { code: ERROR_CODES.GRAPHQL_PARSE_FAILED } })];
        }
        return {
          schema: undefined as never,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables ?? undefined,
          contextValue: { connection: connections.get(ctx), payload },
        };
      },
      async execute(args) {
        const { connection, payload } = args.contextValue as { connection: Connection; payload: Record<string, unknown> };
        const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
        if (connection.authorization) headers.authorization = connection.authorization;
        const response = await options.queries(new Request(url, { method: 'POST', headers, body: JSON.stringify(payload) }), { req: connection.request });
        const text = await response.text();
        try {
          return relayed(JSON.parse(text) as ExecutionResult);
        } catch {
          return refusal({ status: response.status, text: async () => text }, 'no answer');
        }
      },
      async *subscribe(args) {
        const { connection, payload } = args.contextValue as { connection: Connection; payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null; extensions?: Record<string, unknown> | null } };
        const client = createClient({
          url,
          singleConnection: false,
          retryAttempts: 0,
          headers: connection.authorization ? { authorization: connection.authorization } : {},
          fetchFn: (input: RequestInfo, init?: RequestInit) => options.subscriptions(new Request(input, init), { req: connection.request }),
        });
        const stream = client.iterate({ query: payload.query, variables: payload.variables ?? undefined, operationName: payload.operationName ?? undefined, extensions: payload.extensions ?? undefined });
        try {
          for await (const result of stream) yield relayed(result as ExecutionResult);
        } catch (err) {
          if (err instanceof NetworkError) {
            yield await refusal(err.response as Response | undefined, err.message);
            return;
          }
          logger.warn({ component: 'websocket', err }, 'a WebSocket subscription ended with an error');
          throw err;
        } finally {
          await stream.return?.(undefined);
          client.dispose();
        }
      },
    },
    sockets,
  );

  return async () => {
    server.off('upgrade', onUpgrade);
    for (const ws of sockets.clients) ws.close(1001, 'the gateway is stopping');
    await disposable.dispose();
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
  };
}
