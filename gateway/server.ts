/**
 * The gateway: Hive Gateway (as a library) serving the composed supergraph with the Rust query
 * planner, plus the process-wide probes and metrics. Importable by tests; index.ts listens.
 *
 *   POST/GET /graphql   the federated graph (GraphiQL, served offline, on GET from a browser);
 *                       subscriptions over SSE, and every operation over WebSocket (graphql-ws, gateway/websocket.ts)
 *   GET /healthz        alive
 *   GET /readyz         supergraph loaded and every subgraph ready (its database reachable)
 *   GET /metrics        Prometheus metrics of every service in this process
 *   GET /quality        the stewards' data-quality report (also .json, .csv; quality/http.ts)
 *
 * Limits on /graphql (depth, aliases, tokens, cost, body size, rate) and production mode are
 * wired in gateway/limits.ts; the whole-request deadline and the in-flight bound per subgraph in
 * gateway/deadline.ts. Browsers may call from the CORS_ORIGINS allow-list only (none by default).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { Logger as HiveLogger } from '@graphql-hive/logger';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as yogaMaskError } from 'graphql-yoga';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { SubgraphName } from '../lib/config.ts';
import { logger } from '../lib/logger.ts';
import { ERROR_CODES } from '../lib/error-codes.ts';
import { env } from '../lib/config.ts';
import { httpDuration, registry, routeLabel, statusLabel } from '../lib/metrics.ts';
import { metricsText } from '../lib/workers.ts';
import { authPlugins, requestAuthenticator, requestMeta, type GatewayAuthOptions } from './auth.ts';
import { useSubscriptionHub } from './subscription-hub.ts';
import { EXAMPLE_QUERY, graphiqlQuery } from './example-query.ts';
import { subgraphUnavailableMessage, useRequestDeadline } from './deadline.ts';
import { createLimits, limitsFromConfig, type GatewayLimits, type RateLimitStore } from './limits.ts';
import { createBridge, type BridgeOptions } from '../bridge/server.ts';
import { inProcessExecutor, useDataHandOver, type Executor } from '../bridge/execute.ts';
import type { LocalSubgraph } from '../lib/subgraph-server.ts';
import { inProcessTransports } from './in-process.ts';
import { useCoalescedEventStream } from './event-stream.ts';
import { attachGraphqlWebSocket, type GraphqlWebSocketOptions } from './websocket.ts';
import { createMapRoutes, type MapRouteOptions } from '../map/http.ts';
import { createQualityRoutes } from '../quality/http.ts';
import type { Database } from '../lib/db.ts';
import type { AuditWriter } from '../audit/writer.ts';

export type GatewayOptions = {
  /** The supergraph SDL (normally gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph is reachable, overriding the URLs in the SDL. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /**
   * Subgraphs running in this process, called without HTTP (gateway/in-process.ts); the others
   * are reached at their URLs. Readiness still asks every subgraph's /readyz.
   */
  localSubgraphs?: Partial<Record<SubgraphName, LocalSubgraph>>;
  /** Per-subgraph request timeout in milliseconds (within the whole-request deadline of the limits). */
  subgraphTimeoutMs?: number;
  /** Browser origins allowed to call (CORS); default CORS_ORIGINS (none). */
  corsOrigins?: readonly string[];
  /** Production mode: no GraphiQL, no landing page, no introspection, no "Did you mean" suggestions. */
  production?: boolean;
  /** Overrides of the limits configured by the environment (gateway/limits.ts). */
  limits?: Partial<GatewayLimits>;
  /** Where the rate limit counts (gateway/limits.ts connectRateLimitStore); default this process's memory. */
  rateLimitStore?: RateLimitStore;
  /** Token verification and upstream signing (gateway/auth.ts). */
  auth: GatewayAuthOptions;
  /**
   * Development only: signs the token GraphiQL opens with in its Headers tab, called per page so it
   * never expires; never honoured in production. Unset: GraphiQL opens without one.
   */
  graphiqlToken?: () => Promise<string>;
  /** The BI bridge (/rest, /odata) on this gateway: its OData routes; `false` serves no bridge. Default: served. */
  bridge?: Omit<BridgeOptions, 'executor'> | false;
  /**
   * The data-quality report (GET /quality, /quality.json, /quality.csv; quality/http.ts): every
   * subgraph's database and the audit writer its reads are recorded with. Unset: /quality answers
   * 404 saying this gateway has no database connections.
   */
  quality?: { databases: Record<SubgraphName, Database>; audit: AuditWriter };
  /** The hazard map at /map/ (map/http.ts): in development, the demo tokens its picker offers; never honoured in production. */
  map?: MapRouteOptions;
  /**
   * bench/ only (`hive-bare` in bench/serve.ts): none of the auth plugins (no token verification,
   * no @requiresScopes check, no signed subgraph requests); the limits, the deadline and the
   * planner stay. Only for subgraphs started with the same switch. Not reachable from configuration.
   */
  benchAccessControlOff?: boolean;
  /**
   * Identical subscribers share one execution (gateway/subscription-hub.ts), and it writes their
   * audit records with this writer. Unset, or SUBSCRIPTION_HUB=false: one execution per subscriber.
   */
  subscriptionAudit?: AuditWriter;
};

/** Rewrites the `@join__graph(url:)` of each named subgraph in a supergraph SDL. */
export function pointSupergraphAt(supergraphSdl: string, urls: Partial<Record<string, string>>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) => {
    const url = urls[name];
    return url ? `@join__graph(name: "${name}", url: "${url}")` : whole;
  });
}

/** Transport-level failures reaching a subgraph (refused, reset, timed out, bad gateway). */
const UNAVAILABLE_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'GATEWAY_TIMEOUT', 'TIMEOUT_ERROR']);

/**
 * Errors a client sees: a subgraph's own GraphQL errors pass through with their codes; a subgraph
 * that cannot be reached becomes SUBGRAPH_UNAVAILABLE naming the subgraph (its fields are null,
 * the rest of the data is returned); anything else is masked, never with internals or stacks.
 */
export function maskGatewayError(error: unknown, message: string): Error {
  // Duck-typed: the gateway's graphql may be another module instance (CJS/ESM), so instanceof lies.
  if (error instanceof Error && 'extensions' in error && 'path' in error) {
    const e = error as GraphQLError;
    const code = String(e.extensions?.code ?? '');
    const serviceName = e.extensions?.serviceName as string | undefined;
    if (serviceName && code === ERROR_CODES.SUBGRAPH_UNAVAILABLE) {
      return new GraphQLError(e.message, { nodes: e.nodes, path: e.path, extensions: { code, serviceName, reason: e.extensions?.reason } });
    }
    if (serviceName && UNAVAILABLE_CODES.has(code)) {
      return new GraphQLError(subgraphUnavailableMessage(serviceName), {
        nodes: e.nodes,
        path: e.path,
        extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName },
      });
    }
  }
  return yogaMaskError(error, message, false);
}

/** GraphiQL's page options: in development with a demo token already in its headers, and saying so. */
export function graphiqlOptions(token: (() => Promise<string>) | undefined) {
  const plain = { title: 'Address Graph', defaultQuery: EXAMPLE_QUERY };
  if (!token) return plain;
  // The demo token is handed only to a browser on this machine: `npm start` binds HOST (0.0.0.0 by
  // default), and a page that gives every scope to anyone on the network would undo access control.
  return async (_request: Request, context: unknown) => {
    if (!isLoopback((context as { req?: http.IncomingMessage } | undefined)?.req?.socket.remoteAddress)) return { ...plain, title: 'Address Graph (send your token in Headers)' };
    const headers = JSON.stringify({ authorization: `Bearer ${await token()}` }, null, 2);
    return { title: 'Address Graph (development: demo admin token in Headers)', defaultQuery: graphiqlQuery(true), headers, defaultHeaders: headers };
  };
}

/** Whether a peer address is this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped 127/8). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(v4);
}

/**
 * A response with no data at all because the subgraph of its root fields could not be reached is
 * the service being unavailable, not a server fault: 503 rather than the 500 the GraphQL-over-HTTP
 * rules give a data-less result. A response that has data keeps its status (partial data is an
 * answer). Only the HTTP status changes; the body is the same.
 */
function useUnavailableStatus(): GatewayPlugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result || result.data != null || !result.errors?.length) return;
      if (!result.errors.every((e) => e.extensions?.code === ERROR_CODES.SUBGRAPH_UNAVAILABLE)) return;
      setResult({
        ...result,
        errors: result.errors.map((e) => createGraphQLError(e.message, { path: e.path, extensions: { ...e.extensions, http: { status: 503 } } })),
      });
    },
  };
}

export type Gateway = {
  /** Node request listener serving every route above. */
  listener: http.RequestListener;
  /** Runs GraphQL operations through this gateway's own handler, as the caller whose headers are given (the bridge and the monitor). */
  executor: Executor;
  /** What GraphQL over WebSocket runs its operations through (gateway/websocket.ts). */
  websocket: GraphqlWebSocketOptions;
  dispose(): Promise<void>;
};

export function createGateway(options: GatewayOptions): Gateway {
  const supergraph = pointSupergraphAt(options.supergraphSdl, options.subgraphUrls);
  const configured = { ...limitsFromConfig(), ...options.limits };
  const limits = createLimits(configured, options.production ?? false, options.rateLimitStore);
  const deadline = useRequestDeadline({
    requestTimeoutMs: configured.requestTimeoutMs,
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? env().SUBGRAPH_TIMEOUT_MS,
    maxInFlight: configured.subgraphMaxInFlight,
  });
  const corsOrigins = options.corsOrigins ?? env().CORS_ORIGINS;
  const hub = options.subscriptionAudit && env().SUBSCRIPTION_HUB && !options.benchAccessControlOff
    ? useSubscriptionHub({ audit: options.subscriptionAudit, maxTokenLifetimeSeconds: options.auth.maxTokenLifetimeSeconds ?? env().MAX_TOKEN_LIFETIME_SECONDS, requestMeta })
    : null;
  // Subscriptions run on a second runtime with Hive Gateway's own (JavaScript) federation
  // planner: the Rust planner's runtime executes only a subscription's first fetch, so fields of
  // other subgraphs on its payload (an event's address name, its people) would come back null.
  // Requests that ask for an event stream go there; every plugin and limit applies to both.
  const runtimeFor = (kind: 'queries' | 'subscriptions') => createGatewayRuntime({
    supergraph,
    ...(kind === 'queries' ? { unifiedGraphHandler } : {}),
    ...(options.localSubgraphs ? { transports: inProcessTransports(options.localSubgraphs) } : {}),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.production ? false : graphiqlOptions(options.graphiqlToken),
    renderGraphiQL,
    healthCheckEndpoint: '/_gateway/healthcheck',
    readinessCheckEndpoint: '/_gateway/readiness',
    // an allowed origin is answered with itself (credentials allowed); any other gets no CORS headers
    cors: (request) => {
      const origin = request.headers.get('origin');
      // (given as a list of two or more, the library answers with the request's origin and adds Vary: Origin)
      return origin && corsOrigins.includes(origin) ? { origin: [origin, ...corsOrigins], credentials: true } : false;
    },
    // Hive Gateway's own log lines go through the process logger as structured JSON.
    logging: new HiveLogger({
      level: 'warn',
      writers: [{ write: (level, attrs, msg) => logger[level]({ component: 'hive-gateway', ...(attrs as object) }, msg ?? '') }],
    }),
    maskedErrors: { maskError: maskGatewayError },
    ...limits.runtimeOptions,
    // the limit plugins come after the auth plugins: the rate limit needs the verified token
    // the deadline starts when the request arrives; it and the signatures share it
    plugins: () => [deadline, ...(options.benchAccessControlOff ? [] : authPlugins({ requestTimeoutMs: configured.requestTimeoutMs, ...options.auth })), ...limits.plugins, useUnavailableStatus(), useDataHandOver() as GatewayPlugin, useCoalescedEventStream(),
      // last: it replaces the subscribe step once every check before it has run for the subscriber
      ...(kind === 'subscriptions' && hub ? [hub] : [])],
  });
  const runtime = runtimeFor('queries');
  const streams = runtimeFor('subscriptions');
  const graphql = limits.limitBody((req, res) => (/text\/event-stream/.test(req.headers.accept ?? '') ? streams(req, res) : runtime(req, res)));
  // the bridge runs its operations through this gateway's own handler, as the caller
  const executor = inProcessExecutor((request, context) => runtime.fetch(request, context ?? {}));
  const bridge = options.bridge === false ? undefined : createBridge({ ...options.bridge, executor });

  const map = createMapRoutes({ demoTokens: options.production ? undefined : options.map?.demoTokens });
  const quality = createQualityRoutes({ databases: options.quality?.databases, audit: options.quality?.audit, authenticate: requestAuthenticator(options.auth) });

  async function readyz(res: http.ServerResponse): Promise<void> {
    const checks = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => {
        try {
          const r = await fetch(new URL('/readyz', url!), { signal: AbortSignal.timeout(2000) });
          return { name, ready: r.ok };
        } catch {
          return { name, ready: false };
        }
      }),
    );
    const ready = checks.every((c) => c.ready);
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ready ? 'ready' : 'unavailable', supergraph: 'loaded', subgraphs: checks }));
  }

  const listener: http.RequestListener = (req, res) => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0];
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpDuration.observe({ service: 'gateway', route: routeLabel(path), status: statusLabel(res.statusCode) }, seconds);
    });
    // answers differ by Origin (CORS): caches must keep them apart
    if (corsOrigins.length > 0) res.setHeader('vary', 'Origin');
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', service: 'gateway' }));
      return;
    }
    if (path === '/readyz') {
      readyz(res).catch((err) => {
        logger.error({ err }, 'readiness check failed');
        if (!res.headersSent) res.writeHead(503).end();
      });
      return;
    }
    if (path === '/metrics') {
      metricsText()
        .then((text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        })
        .catch((err: Error) => {
          logger.error({ err }, 'could not collect the metrics');
          res.writeHead(503).end();
        });
      return;
    }
    if (map.handles(path)) {
      map.listener(req, res);
      return;
    }
    if (quality.handles(path)) {
      quality.listener(req, res);
      return;
    }
    if (bridge?.handles(path)) {
      bridge.listener(req, res);
      return;
    }
    if (path === '/' && req.method === 'GET') {
      res.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    graphql(req, res);
  };

  return {
    listener,
    executor,
    // GraphQL over WebSocket runs every operation through these handlers (gateway/websocket.ts)
    websocket: {
      path: '/graphql',
      queries: (request: Request, context: Record<string, unknown>) => runtime.fetch(request, context),
      subscriptions: (request: Request, context: Record<string, unknown>) => streams.fetch(request, context),
      authenticate: requestAuthenticator(options.auth),
      maxPayloadBytes: env().MAX_BODY_BYTES,
    },
    dispose: async () => {
      limits.dispose();
      await runtime.dispose();
      await streams.dispose();
    },
  };
}

/** How long stop() lets requests in flight finish before it closes their connections. */
const DRAIN_MS = 5_000;

export type RunningGateway = { url: string; port: number; executor: Executor; stop(): Promise<void> };

/** Starts the gateway's HTTP server on `port` (0 picks a free one). */
export async function startGateway(options: GatewayOptions, listen: { port?: number; host?: string } = {}): Promise<RunningGateway> {
  const gateway = createGateway(options);
  const server = http.createServer(gateway.listener);
  const closeWebSockets = attachGraphqlWebSocket(server, gateway.websocket);
  // a port taken after start-up checked it rejects here (the caller names it) instead of throwing uncaught
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, listen.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    executor: gateway.executor,
    // Drains: no new connections, idle keep-alive ones closed at once, requests in flight answered;
    // whatever is still open after DRAIN_MS is cut.
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await closeWebSockets();
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
      cut.unref();
      await closed;
      clearTimeout(cut);
      await gateway.dispose();
    },
  };
}
