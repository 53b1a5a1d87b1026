/**
 * Runs one Apollo Federation 2 subgraph over HTTP: POST/GET /graphql, GET /healthz, GET /readyz,
 * GET /metrics. Each subgraph folder provides its schema, resolvers and per-request context;
 * this module provides the server, error masking and the probes.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { defaultFieldResolver, GraphQLError, Kind, type DocumentNode, type ExecutionResult, type FieldDefinitionNode, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { ANONYMOUS, SYSTEM, viewerClass, viewerFromClaims, type Viewer } from './auth/scopes.ts';
import { checkUpstreamRequest, remainingMs, REVEALED_EXTENSION, type RequestMeta } from './auth/upstream.ts';
import { AuditCollector, collectAudited, type AuditExtract } from '../audit/collect.ts';
import { AuditUnavailableError, type AuditWriter } from '../audit/writer.ts';
import { env, type SchemaName, type SubgraphName } from './config.ts';
import type { Database } from './db.ts';
import { limitArguments } from './input-limits.ts';
import { jitExecution } from './jit-executor.ts';
import { objectFields } from './schema-fields.ts';
import { deadlineSignal, runInRequest } from './request-context.ts';
import stringify from 'safe-stable-stringify';
import { createChangeFeed, type ChangeFeed, type ChangeSource } from './change-feed.ts';

// the graphql instance @apollo/subgraph built the schema with (CommonJS; under vitest the ESM
// import may be another instance, which graphql-js refuses to mix)
const { createSourceEventStream, execute, getOperationAST, parse, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
import { logger } from './logger.ts';
import { countGraphqlError, httpDuration, registry, routeLabel, statusLabel } from './metrics.ts';

/** What a subgraph folder's server.ts exports: everything needed to serve it, nothing listening. */
export type SubgraphDefinition<TContext extends BaseContext> = {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /**
   * Builds the per-request context (fresh DataLoaders) over the subgraph's database, for the
   * verified viewer; `services.audit` is the audit writer (its database serves audit reads and
   * records writes), `services.request` the gateway-signed request (operation, request id) and
   * `services.databases` the other schemas' databases named in `reads`.
   */
  createContext: (database: Database, viewer: Viewer, services?: SubgraphServices) => TContext;
  /**
   * Other schemas whose databases this subgraph's services need (events: the buildings registry,
   * which the address standardizer reads for free-text addresses); the runner opens them.
   */
  reads?: readonly SchemaName[];
  /**
   * Person-level types this subgraph returns, and which person ids and address codes a value of
   * each reveals: every request that resolves one, or any field returning one, is written to the
   * audit log before it is answered (audit/collect.ts).
   */
  audited?: Record<string, AuditExtract>;
  /**
   * The table whose committed changes this subgraph's subscriptions deliver (lib/change-feed.ts):
   * its schema's change log and how to load rows by id. The runner reads it once per process and hands
   * the feed to every context as `services.changes`.
   */
  changes?: ChangeSource<any>;
};

/** What createContext gets besides its database and viewer. */
export type SubgraphServices = {
  audit?: AuditWriter;
  request?: RequestMeta | null;
  databases?: Partial<Record<SchemaName, Database>>;
  /** The change feed of the definition's `changes`, for subscriptions. */
  changes?: ChangeFeed<any>;
};

export { AuditCollector } from '../audit/collect.ts';

/** A request as the gateway's in-process transport hands it over: printed query, variables, signed extensions. */
export type LocalRequest = {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown>;
};

/**
 * A subgraph reachable in this process without HTTP (gateway/in-process.ts): the request is
 * checked exactly as over HTTP (signature, identity, deadline, audit before the answer) and the
 * result comes back as objects, never encoded as JSON. A refusal is a result with errors and no
 * data; a stopped subgraph answers SUBGRAPH_STOPPED, which the gateway reports as unavailable.
 */
export type LocalSubgraph = {
  name: SubgraphName;
  execute(request: LocalRequest, signal?: AbortSignal): Promise<FormattedExecutionResult>;
  /** A subscription: its stream of results, or a result with errors when it is refused. */
  subscribe(request: LocalRequest, signal?: AbortSignal): Promise<AsyncIterable<FormattedExecutionResult> | FormattedExecutionResult>;
};

type Refusal = { ok: false; status: number; errors: GraphQLFormattedError[] };
type Outcome<T> = { ok: true; value: T } | Refusal;

function refused(status: number, code: string, message: string): Refusal {
  return { ok: false, status, errors: [{ message, extensions: { code } }] };
}

/** An abort signal that never fires (an in-process call with no signal of its own). */
const NEVER = new AbortController().signal;

const encodedEvents = new WeakMap<object, string>();

/** A subscription result as one SSE `next` message, encoded once per result object. */
function encodedEvent(result: FormattedExecutionResult): string {
  let text = encodedEvents.get(result);
  if (text === undefined) encodedEvents.set(result, (text = `event: next\ndata: ${JSON.stringify(result)}\n\n`));
  return text;
}

/**
 * The collectors of calls the gateway audits itself (signed `audit: 'gateway'`: a shared
 * subscription's, gateway/subscription-hub.ts): their answers carry what they revealed instead.
 */
const revealedToGateway = new WeakSet<AuditCollector>();

/** What a collector holds, as the `revealed` extension of an answer. */
function revealed(collector: AuditCollector): { personIds: string[]; addressCodes: string[] } {
  return { personIds: [...collector.personIds], addressCodes: [...collector.addressCodes] };
}

/** Puts `extensions.revealed` on the answers of calls the gateway audits (HTTP and in process alike). */
const revealToGateway: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const collector = (contextValue as { audit?: AuditCollector }).audit;
        if (!collector || !revealedToGateway.has(collector) || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, [REVEALED_EXTENSION]: revealed(collector) };
      },
    };
  },
};

/** One subscription event executed for one (document, variables, viewer class): its result and what it revealed. */
type SharedEvent = { result: FormattedExecutionResult; collector: AuditCollector };

export type RunningSubgraph = {
  name: SubgraphName;
  url: string;
  port: number;
  /** The same subgraph for a gateway in this process (no HTTP). */
  local: LocalSubgraph;
  /** Stops accepting requests and drains in-flight ones; does not close the database. */
  stop(): Promise<void>;
};

/** Largest request body a subgraph accepts (an `_entities` call for a few thousand keys fits). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Codes whose messages are safe to show a client; anything else is masked as an internal error. */
function maskError(formatted: GraphQLFormattedError, error: unknown, service: string): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  countGraphqlError(service, code);
  if (code === 'INTERNAL_SERVER_ERROR') {
    logger.error({ err: error, service, path: formatted.path }, 'resolver failed');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code } };
  }
  return formatted;
}

/** The scope sets a field's `@requiresScopes(scopes: [[...]])` names (any one set suffices), or null. */
function requiredScopes(node: FieldDefinitionNode | null | undefined): string[][] | null {
  const directive = node?.directives?.find((d) => d.name.value === 'requiresScopes');
  const arg = directive?.arguments?.find((a) => a.name.value === 'scopes');
  if (!arg || arg.value.kind !== Kind.LIST) return null;
  return arg.value.values.map((group) => (group.kind === Kind.LIST ? group.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : []));
}

/**
 * Defence in depth: the gateway refuses fields the viewer's scopes do not cover, and every
 * subgraph checks the same `@requiresScopes` again on the identity the gateway signed, so a field
 * is never served on the gateway's word alone. Wraps the resolvers of every field that declares it.
 */
function enforceScopes(schema: GraphQLSchema): GraphQLSchema {
  for (const { typeName, field } of objectFields<{ viewer?: Viewer }>(schema)) {
    const required = requiredScopes(field.astNode);
    if (!required) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    const label = `${typeName}.${field.name}`;
    const check = (context: { viewer?: Viewer }) => {
      const scopes = context.viewer?.scopes;
      if (!required.some((group) => group.every((scope) => scopes?.has(scope as never)))) {
        throw new GraphQLError(`${label} needs the scope ${required.map((g) => g.join(' + ')).join(' or ')}`, { extensions: { code: 'FORBIDDEN' } });
      }
    };
    field.resolve = (source, args, context, info) => {
      check(context);
      return resolve(source, args, context, info);
    };
    // a subscription is refused when it starts, not only when its first event is resolved
    const subscribe = field.subscribe;
    if (subscribe) {
      field.subscribe = (source, args, context, info) => {
        check(context);
        return subscribe(source, args, context, info);
      };
    }
  }
  return schema;
}

/** A subgraph's executable schema: its resolvers, with argument limits, audit collection and scope checks around them. */
export function subgraphSchema<TContext extends BaseContext>(def: SubgraphDefinition<TContext>): GraphQLSchema {
  return enforceScopes(collectAudited(limitArguments(buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers }])), def.audited));
}

export function buildApolloServer<TContext extends BaseContext>(
  def: SubgraphDefinition<TContext>,
  extraPlugins: ApolloServerPlugin<TContext>[] = [],
  executor: 'jit' | 'graphql-js' = env().SUBGRAPH_EXECUTOR,
  schema: GraphQLSchema = subgraphSchema(def),
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    // graphql-jit executes (lib/jit-executor.ts) unless SUBGRAPH_EXECUTOR=graphql-js
    ...(executor === 'jit' ? { gateway: jitExecution(schema) } : { schema }),
    formatError: (formatted, error) => maskError(formatted, error, def.name),
    includeStacktraceInErrorResponses: false,
    // the process owns SIGINT/SIGTERM (it closes the databases last): Apollo's handler re-raised the signal first
    stopOnTerminationSignals: false,
    // Inline tracing (ftv1) is for Apollo Studio, which this graph does not report to. Cache
    // control hints are not used (no @cacheControl, no cache in front), and its per-field hook made
    // Apollo instrument every resolver: about 5 % of the CPU of a bridge export (bench/results).
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), ...extraPlugins],
  });
}

/** A Node request's headers as Apollo Server's HeaderMap. */
export function headerMapOf(req: http.IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Writes an Apollo Server HTTP response (complete or streamed) to a Node response. */
export async function sendApolloResponse(res: http.ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The request body as text; 413 past MAX_BODY_BYTES. */
export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error(`request body exceeds ${MAX_BODY_BYTES} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Starts a subgraph's HTTP server on `port` (0 picks a free one). */
export async function startSubgraph<TContext extends BaseContext>(
  def: SubgraphDefinition<TContext>,
  database: Database,
  options: {
    port?: number;
    host?: string;
    upstreamSecret: string;
    /** Required when the subgraph has audited types: person-level data is never served unaudited. */
    audit?: AuditWriter;
    /** The databases of the schemas the definition `reads`. */
    databases?: Partial<Record<SchemaName, Database>>;
    /** How old a gateway signature may be and the clock skew tolerated, ms; default UPSTREAM_SIGNATURE_MAX_AGE_MS / UPSTREAM_CLOCK_SKEW_MS. */
    signatureWindow?: { maxAgeMs: number; clockSkewMs: number };
    /**
     * bench/ only: answer first and append the record afterwards (the path before audits became
     * durable), to measure what waiting for the commit costs. Not reachable from configuration.
     */
    benchAuditAfterAnswer?: boolean;
    /**
     * bench/ only (`hive-bare` in bench/serve.ts): no access control at all, to measure what it
     * costs. No gateway signature is checked, every request runs as SYSTEM (every scope, no
     * community confinement, so nothing is masked), no scope is checked, nothing is collected for
     * or written to the audit log. Not reachable from configuration; never use it elsewhere.
     */
    benchAccessControlOff?: boolean;
  },
): Promise<RunningSubgraph> {
  if (def.audited && !options.audit) throw new Error(`the ${def.name} subgraph returns person-level data: it needs an audit writer`);
  const signatureWindow = options.signatureWindow ?? { maxAgeMs: env().UPSTREAM_SIGNATURE_MAX_AGE_MS, clockSkewMs: env().UPSTREAM_CLOCK_SKEW_MS };
  const bare = options.benchAccessControlOff === true;
  const httpServer = http.createServer();
  const schema = bare ? limitArguments(buildSubgraphSchema([{ typeDefs: def.typeDefs, resolvers: def.resolvers }])) : subgraphSchema(def);
  const server = buildApolloServer(def, [ApolloServerPluginDrainHttpServer({ httpServer }), revealToGateway], undefined, schema);
  await server.start();
  const changes = def.changes ? createChangeFeed(database, def.changes) : undefined;
  const services = (meta: RequestMeta | null): SubgraphServices => ({ audit: options.audit, request: meta, databases: options.databases, changes });
  /** Subscription streams open, ended when the subgraph stops. */
  const streams = new Set<AbortController>();
  /**
   * Each event payload's executions, by document + variables + viewer class: the change feed hands
   * every subscriber the same payload object (subgraphs/<name>/subscriptions.ts), so 1,000
   * identical subscribers execute an event once, not 1,000 times. Held weakly: an entry goes
   * when its payload is no longer referenced by any subscriber's queue.
   */
  const sharedEvents = new WeakMap<object, Map<string, Promise<SharedEvent>>>();
  function sharedExecution(payload: unknown, key: string, run: (payload: unknown) => Promise<SharedEvent>): Promise<SharedEvent> {
    if (typeof payload !== 'object' || payload === null) return run(payload);
    let byKey = sharedEvents.get(payload);
    if (!byKey) sharedEvents.set(payload, (byKey = new Map()));
    let shared = byKey.get(key);
    if (!shared) byKey.set(key, (shared = run(payload)));
    return shared;
  }

  httpServer.on('request', (req, res) => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0];
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpDuration.observe({ service: def.name, route: routeLabel(path), status: statusLabel(res.statusCode) }, seconds);
    });
    handle(req, res, path).catch((err: Error & { status?: number }) => {
      if (!res.headersSent) sendJson(res, err.status ?? 500, { errors: [{ message: err.status ? err.message : 'Internal server error', extensions: { code: err.status === 413 ? 'BODY_TOO_LARGE' : 'INTERNAL_SERVER_ERROR' } }] });
      if (!err.status) logger.error({ err, service: def.name }, 'request failed');
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok', service: def.name });
    if (path === '/readyz') {
      try {
        await database.knex.raw('select 1');
        return sendJson(res, 200, { status: 'ready', service: def.name });
      } catch (err) {
        return sendJson(res, 503, { status: 'unavailable', service: def.name, reason: (err as Error).message });
      }
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(await registry.metrics());
      return;
    }
    if (path !== '/graphql' && path !== '/') return sendJson(res, 404, { error: `no route ${path}; GraphQL is at /graphql` });

    if (/text\/event-stream/.test(req.headers.accept ?? '')) return streamSubscription(req, res);

    let body: unknown;
    if (req.method === 'POST') {
      const text = await readBody(req);
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    // when the gateway or its client goes away before the answer, the running statement is cancelled
    const abandoned = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abandoned.abort();
    });
    const outcome = req.method === 'POST'
      ? await serveSigned(body, abandoned.signal, (context) => server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers: headerMapOf(req), search: new URL(req.url ?? '/', 'http://x').search, body },
        context,
      }))
      : refused(401, 'GATEWAY_SIGNATURE_REQUIRED', `the ${def.name} subgraph only answers POST requests signed by the gateway`);
    if (!outcome.ok) return sendJson(res, outcome.status, { errors: outcome.errors });
    await sendApolloResponse(res, outcome.value);
  }

  /**
   * Everything a request goes through before and after its execution, however it arrived (HTTP or
   * in-process): only the gateway may call, its HMAC over query, variables, identity, this
   * subgraph's name and the time must verify, recently, for an identity that has not expired (no
   * replays); the statement is cancelled when the caller goes away or the signed deadline passes;
   * and whatever the request revealed is committed to the audit log before one byte of it leaves
   * (if the log cannot be written, nothing of it leaves).
   */
  async function serveSigned<T>(body: unknown, abandonedSignal: AbortSignal, run: (context: () => Promise<TContext>) => Promise<T>): Promise<Outcome<T>> {
    if (bare) {
      const value = await runInRequest({ signal: abandonedSignal }, () => run(async () => ({ ...def.createContext(database, SYSTEM, services(null)), audit: new AuditCollector() })));
      return { ok: true, value };
    }
    const upstream = checkUpstreamRequest(options.upstreamSecret, body, { subgraph: def.name, ...signatureWindow });
    if (!upstream.ok) return refused(401, upstream.code, upstream.message);
    const { identity, request: meta, call } = upstream;
    let viewer: Viewer;
    try {
      viewer = identity === null ? ANONYMOUS : viewerFromClaims(identity);
    } catch (err) {
      return refused(401, 'INVALID_TOKEN_CLAIMS', (err as Error).message);
    }
    const collector = new AuditCollector();
    // a shared subscription's call: the answer says what it revealed, the gateway writes the records
    const gatewayAudits = call.audit === 'gateway';
    if (gatewayAudits) revealedToGateway.add(collector);
    const left = remainingMs(call.deadline);
    const deadline = left === null ? null : deadlineSignal(abandonedSignal, Math.max(1, left));
    let value: T;
    try {
      value = await runInRequest({ signal: deadline?.signal ?? abandonedSignal }, () => run(async () => ({ ...def.createContext(database, viewer, services(meta)), audit: collector })));
    } finally {
      deadline?.done();
    }
    const failed = gatewayAudits ? null : await auditRead(viewer, meta, collector);
    return failed ?? { ok: true, value };
  }

  /** Commits what a request (or one subscription event) revealed; a refusal when the log cannot be written. */
  async function auditRead(viewer: Viewer, meta: RequestMeta | null, collector: AuditCollector): Promise<Refusal | null> {
    if (options.audit && !collector.empty) {
      const appended = options.audit.append({
        subject: viewer.subject,
        roles: viewer.roles,
        subgraph: def.name,
        operationName: meta?.operationName ?? null,
        operationHash: meta?.operationHash ?? '',
        clientName: meta?.clientName ?? null,
        purpose: meta?.purpose ?? null,
        personIds: [...collector.personIds],
        addressCodes: [...collector.addressCodes],
        requestId: meta?.requestId ?? null,
      });
      if (options.benchAuditAfterAnswer) {
        appended.catch(() => {}); // counted and logged by the writer
      } else {
        try {
          await appended;
        } catch (err) {
          const error = err instanceof AuditUnavailableError ? err : new AuditUnavailableError('unexpected failure');
          countGraphqlError(def.name, 'AUDIT_UNAVAILABLE');
          return refused(503, 'AUDIT_UNAVAILABLE', error.message);
        }
      }
    }
    return null;
  }

  /**
   * A subscription, checked as every request is (signature, identity), then executed by
   * graphql-js: the subscribe resolver returns the source stream, and each event is executed
   * with a fresh context (fresh DataLoaders, so nothing is served from an earlier event's cache),
   * audited like a query before it leaves, errors masked as for queries. The stream ends when
   * the caller goes away, the subgraph stops, or the identity's token expires (the gateway ends
   * it then too; this is the subgraph's own check). The request deadline bounds only the start.
   */
  async function serveSubscription(body: LocalRequest | undefined, callerSignal: AbortSignal): Promise<Outcome<AsyncIterable<FormattedExecutionResult>>> {
    const upstream = checkUpstreamRequest(options.upstreamSecret, body, { subgraph: def.name, ...signatureWindow });
    if (!upstream.ok) return refused(401, upstream.code, upstream.message);
    const { identity, request: meta, call } = upstream;
    let viewer: Viewer;
    try {
      viewer = identity === null ? ANONYMOUS : viewerFromClaims(identity);
    } catch (err) {
      return refused(401, 'INVALID_TOKEN_CLAIMS', (err as Error).message);
    }
    let document: DocumentNode;
    try {
      document = parse(body!.query);
    } catch (err) {
      return refused(400, 'GRAPHQL_PARSE_FAILED', (err as Error).message);
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return { ok: false, status: 400, errors: invalid.map((e) => ({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) };
    if (getOperationAST(document, body!.operationName)?.operation !== 'subscription') return refused(400, 'BAD_REQUEST', 'only subscriptions are served as an event stream');
    const ended = new AbortController();
    const exp = (identity as { exp?: number } | null)?.exp;
    const expiry = typeof exp === 'number' ? setTimeout(() => ended.abort(), Math.max(0, exp * 1000 - Date.now())) : null;
    const signal = AbortSignal.any([callerSignal, ended.signal]);
    const end = () => {
      if (expiry) clearTimeout(expiry);
      streams.delete(ended);
    };
    streams.add(ended);
    const contextOf = (collector: AuditCollector) => ({ ...def.createContext(database, viewer, services(meta)), audit: collector, signal });
    const args = { schema, document, variableValues: body!.variables ?? undefined, operationName: body!.operationName ?? undefined };
    const format = (result: ExecutionResult): FormattedExecutionResult => (result.errors ? { ...result, errors: result.errors.map((e) => maskError(e.toJSON(), e, def.name)) } : (result as FormattedExecutionResult));
    const source = await createSourceEventStream({ ...args, contextValue: contextOf(new AuditCollector()) });
    if (!(Symbol.asyncIterator in source)) {
      end();
      return { ok: false, status: 200, errors: [...(format(source).errors ?? [])] };
    }
    // subscribers of the same document, variables and viewer class get the same result of an event
    const shareKey = `${viewerClass(viewer)}\n${body!.operationName ?? ''}\n${stringify(body!.variables ?? null)}\n${body!.query}`;
    // executed outside this subscriber's request scope and without its signal: one subscriber
    // leaving must not cancel the statements of an execution the others share
    const executeEvent = (payload: unknown): Promise<SharedEvent> => runInRequest({ signal: NEVER }, async () => {
      const collector = new AuditCollector();
      const result = format(await execute({ ...args, rootValue: payload, contextValue: { ...def.createContext(database, viewer, services(meta)), audit: collector } }));
      return { result, collector };
    });
    const events = source as AsyncIterableIterator<unknown>;
    signal.addEventListener('abort', () => void events.return?.(), { once: true });
    async function* results(): AsyncGenerator<FormattedExecutionResult> {
      try {
        for await (const payload of events) {
          if (signal.aborted) break;
          const { result, collector } = await sharedExecution(payload, shareKey, executeEvent);
          // a shared subscription (gateway/subscription-hub.ts): the gateway writes each of its
          // subscribers' records from what the result revealed
          if (call.audit === 'gateway') {
            yield collector.empty ? result : { ...result, extensions: { ...result.extensions, [REVEALED_EXTENSION]: revealed(collector) } };
            continue;
          }
          // each subscriber's delivery is audited as its own (who received which records); the
          // writer commits the records of one event's subscribers together (group commit)
          const failed = await auditRead(viewer, meta, collector);
          yield failed ? { errors: failed.errors } : result;
        }
        if (ended.signal.aborted && !callerSignal.aborted && (exp ?? Infinity) * 1000 <= Date.now() + signatureWindow.clockSkewMs) {
          yield { errors: [{ message: 'The token has expired; the subscription ended', extensions: { code: 'TOKEN_EXPIRED' } }] };
        }
      } finally {
        end();
        await events.return?.();
      }
    }
    return { ok: true, value: results() };
  }

  /**
   * A subscription over HTTP as Server-Sent Events (GraphQL over SSE, distinct connections: what
   * Hive Gateway's HTTP transport asks a subgraph for): GET with the request in the query string
   * (the gateway's default for subscriptions) or POST with it as the body.
   */
  async function streamSubscription(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: LocalRequest | undefined;
    try {
      if (req.method === 'POST') {
        body = JSON.parse(await readBody(req)) as LocalRequest;
      } else {
        const params = new URL(req.url ?? '/', 'http://x').searchParams;
        const json = (name: string) => (params.get(name) ? JSON.parse(params.get(name)!) : undefined);
        body = { query: params.get('query') ?? '', variables: json('variables'), operationName: params.get('operationName'), extensions: json('extensions') };
      }
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'the subscription request is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const outcome = stopped ? refused(503, 'SUBGRAPH_STOPPED', `the ${def.name} subgraph is stopped`) : await serveSubscription(body, gone.signal);
    if (!outcome.ok) return sendJson(res, outcome.status, { errors: outcome.errors });
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    // a comment line now and then keeps proxies from closing an idle stream
    const ping = setInterval(() => res.write(':\n\n'), 15_000);
    try {
      // a result shared by identical subscribers is encoded once for all of them
      for await (const result of outcome.value) res.write(encodedEvent(result));
      if (!res.destroyed) res.write('event: complete\ndata:\n\n');
    } finally {
      clearInterval(ping);
      res.end();
    }
  }

  let stopped = false;
  /** This subgraph called from the gateway in the same process: the same checks, no HTTP and no JSON. */
  const local: LocalSubgraph = {
    name: def.name,
    async execute(request, signal) {
      if (stopped) return { errors: [{ message: `the ${def.name} subgraph is stopped`, extensions: { code: 'SUBGRAPH_STOPPED' } }] };
      // the request is the body an HTTP call would carry: checked as it is
      const outcome = await serveSigned(request, signal ?? NEVER, async (context) => {
        const response = await server.executeOperation({ query: request.query, variables: request.variables ?? undefined, operationName: request.operationName ?? undefined, extensions: request.extensions }, { contextValue: await context() });
        if (response.body.kind !== 'single') throw new Error(`the ${def.name} subgraph answered an in-process request incrementally`);
        return response.body.singleResult;
      });
      return outcome.ok ? outcome.value : { errors: outcome.errors };
    },
    async subscribe(request, signal) {
      if (stopped) return { errors: [{ message: `the ${def.name} subgraph is stopped`, extensions: { code: 'SUBGRAPH_STOPPED' } }] };
      const outcome = await serveSubscription(request, signal ?? NEVER);
      return outcome.ok ? outcome.value : { errors: outcome.errors };
    },
  };

  // a port taken after start-up checked it rejects here (the caller names it) instead of throwing uncaught
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    name: def.name,
    url: `http://${host}:${port}/graphql`,
    port,
    local,
    stop: async () => {
      stopped = true;
      for (const stream of streams) stream.abort();
      await changes?.close();
      return server.stop();
    },
  };
}
