/**
 * What the gateway refuses, each with its own error code, and production mode.
 *
 *   limit                         where                               answer
 *   ----------------------------  ----------------------------------  -------------------------------------------
 *   request body > maxBodyBytes   Node listener, before parsing       413, BODY_TOO_LARGE
 *   requests per minute           after token verification, before    429 + retry-after, RATE_LIMITED
 *   (per `sub`; anonymous: per    the GraphQL parameters are read
 *   client IP)
 *   tokens in the document        parser (graphql-armor max-tokens)   400, MAX_TOKENS_EXCEEDED
 *   depth of the operation        validation (graphql-armor)          400, MAX_DEPTH_EXCEEDED
 *   aliases in the operation      validation (graphql-armor)          400, MAX_ALIASES_EXCEEDED
 *   estimated cost                before execution (estimateCost)     400, COST_ESTIMATED_TOO_EXPENSIVE
 *   page size (`first` > 500)     the subgraphs                       PAGE_SIZE_EXCEEDED
 *   whole-request deadline,       each subgraph fetch                 SUBGRAPH_UNAVAILABLE + serviceName
 *   requests in flight per        (gateway/deadline.ts)               (that subgraph's fields null)
 *   subgraph
 *
 * Defaults (lib/config.ts, each overridable there): MAX_QUERY_DEPTH 12, MAX_ALIASES 30,
 * MAX_TOKENS 2000, MAX_QUERY_COST 100000 with QUERY_COST_LIST_SIZE 5 (the showcase fan-out over a
 * 500-room building estimates at about 60 000), MAX_BODY_BYTES 1 MiB, RATE_LIMIT_PER_MINUTE 600,
 * REQUEST_TIMEOUT_MS 15 s, SUBGRAPH_MAX_IN_FLIGHT 100.
 * The client IP of an anonymous request is the socket's peer address: behind a proxy every
 * anonymous client shares the proxy's allowance (X-Forwarded-For is not trusted).
 *
 * Production mode: introspection is refused (GRAPHQL_VALIDATION_FAILED, "introspection has been
 * disabled"), no GraphiQL (gateway/server.ts), and error messages carry no "Did you mean …"
 * suggestions, which would otherwise let a client without introspection map the schema.
 *
 * Persisted operations (whenever a manifest is configured, production or not): a JSON file
 * `{ "<sha256 of the document>": "<document>" }` as graphql-codegen's client preset writes with
 * `persistedDocuments: true`. Clients send `{ "documentId": "<hash>" }` (or the Apollo form
 * `extensions.persistedQuery.sha256Hash`); a document text is refused with PERSISTED_QUERY_ONLY,
 * an unknown hash with PERSISTED_QUERY_NOT_FOUND, neither with PERSISTED_QUERY_ID_REQUIRED.
 *
 * The rate limit is a fixed one-minute window per identity, opened by its first request. Its store
 * is this process's memory by default (the one-box `npm start`); with REDIS_URL set it is Redis
 * (createRedisRateLimiter), so gateway replicas share one count: a client allowed N a minute gets N
 * in total however its requests are spread. A gateway configured with Redis that cannot reach it
 * refuses to start (connectRateLimitStore); when Redis goes away later, GraphQL requests are
 * answered 503 RATE_LIMIT_UNAVAILABLE (fail closed, as API keys and the audit are) until it is back.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import type { GatewayConfigBase, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { DocumentNode, FieldNode, GraphQLError, GraphQLField, GraphQLNamedType, GraphQLOutputType, GraphQLSchema, SelectionSetNode, ValidationContext } from 'graphql';
// errors are made with yoga's graphql module: under vitest 'graphql' here may be another instance
import { createGraphQLError } from 'graphql-yoga';
import { env } from '../lib/config.ts';
import { ERROR_CODES } from '../lib/error-codes.ts';
import { logger } from '../lib/logger.ts';
import { connectRedis, RedisReplyError, RedisUnavailableError, type RedisClient, type RedisReply } from '../lib/redis.ts';

/** The limits' codes (from the registry in lib/error-codes.ts). */
export const LIMIT_CODES = {
  depth: ERROR_CODES.MAX_DEPTH_EXCEEDED,
  aliases: ERROR_CODES.MAX_ALIASES_EXCEEDED,
  tokens: ERROR_CODES.MAX_TOKENS_EXCEEDED,
  cost: ERROR_CODES.COST_ESTIMATED_TOO_EXPENSIVE,
  bodySize: ERROR_CODES.BODY_TOO_LARGE,
  rate: ERROR_CODES.RATE_LIMITED,
  persistedNotFound: ERROR_CODES.PERSISTED_QUERY_NOT_FOUND,
  persistedOnly: ERROR_CODES.PERSISTED_QUERY_ONLY,
  persistedIdRequired: ERROR_CODES.PERSISTED_QUERY_ID_REQUIRED,
} as const;

export type GatewayLimits = {
  /** Deepest field nesting of an operation (fragments count as written). */
  maxDepth: number;
  /** Aliased fields in an operation (`__typename` aliases are free). */
  maxAliases: number;
  /** Lexical tokens in the document. */
  maxTokens: number;
  /** Largest estimated cost: the objects an operation may fetch, pages counted at their `first`. */
  maxCost: number;
  /** The length the cost estimate assumes for a list that is not a page (nested lists multiply). */
  costListSize: number;
  /** Largest request body read, in bytes. */
  maxBodyBytes: number;
  /** GraphQL requests per minute per token subject (anonymous: per client IP); 0 disables. */
  rateLimitPerMinute: number;
  /** Persisted-operations manifest; when set only its operations run. */
  persistedOperationsFile?: string;
  /** Whole-request deadline shared by every subgraph fetch of a client request, ms (gateway/deadline.ts). */
  requestTimeoutMs: number;
  /** Requests in flight per subgraph beyond which a fetch is answered at once as SUBGRAPH_UNAVAILABLE. */
  subgraphMaxInFlight: number;
};

/** The limits configured by the environment (lib/config.ts), with their defaults. */
export function limitsFromConfig(): GatewayLimits {
  const e = env();
  return {
    maxDepth: e.MAX_QUERY_DEPTH,
    maxAliases: e.MAX_ALIASES,
    maxTokens: e.MAX_TOKENS,
    maxCost: e.MAX_QUERY_COST,
    costListSize: e.QUERY_COST_LIST_SIZE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    persistedOperationsFile: e.PERSISTED_OPERATIONS_FILE,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    subgraphMaxInFlight: e.SUBGRAPH_MAX_IN_FLIGHT,
  };
}

/** Options of createGatewayRuntime that the limits and production mode set. */
export type LimitRuntimeOptions = Pick<GatewayConfigBase<Record<string, any>>, 'disableIntrospection' | 'persistedDocuments'>;

export type LimitWiring = {
  runtimeOptions: LimitRuntimeOptions;
  plugins: GatewayPlugin[];
  /** Wraps the gateway's GraphQL listener with the body-size cap. */
  limitBody(next: http.RequestListener): http.RequestListener;
  dispose(): void;
};

/** Where the rate limit counts: this process's memory (default), or Redis shared by every gateway replica. */
export type RateLimitStore = { kind: 'memory' } | { kind: 'redis'; client: RedisClient; keyPrefix: string };

export function createLimits(limits: GatewayLimits, production: boolean, store: RateLimitStore = { kind: 'memory' }): LimitWiring {
  const rateLimiter = limits.rateLimitPerMinute <= 0
    ? undefined
    : store.kind === 'redis'
      ? createRedisRateLimiter(store.client, limits.rateLimitPerMinute, store.keyPrefix)
      : createMemoryRateLimiter(limits.rateLimitPerMinute);
  const runtimeOptions: LimitRuntimeOptions = {};
  if (production) runtimeOptions.disableIntrospection = {};
  if (limits.persistedOperationsFile) runtimeOptions.persistedDocuments = persistedOperations(limits.persistedOperationsFile);

  const plugins: GatewayPlugin[] = [
    maxTokensPlugin({ n: limits.maxTokens, onReject: [rethrowAs(LIMIT_CODES.tokens)], propagateOnRejection: false }) as GatewayPlugin,
    maxDepthPlugin({ n: limits.maxDepth, onReject: [reportAs(LIMIT_CODES.depth)], propagateOnRejection: false }) as GatewayPlugin,
    maxAliasesPlugin({ n: limits.maxAliases, onReject: [reportAs(LIMIT_CODES.aliases)], propagateOnRejection: false }) as GatewayPlugin,
  ];
  // outside production every response tells its estimated cost (extensions.cost)
  plugins.push(useCostLimit({ maxCost: limits.maxCost, listSize: limits.costListSize, report: !production }));
  if (rateLimiter) plugins.push(useRateLimit(rateLimiter));
  if (production) plugins.push(useNoSuggestions());

  return {
    runtimeOptions,
    plugins,
    limitBody: (next) => bodyLimit(limits.maxBodyBytes, next),
    dispose: () => rateLimiter?.dispose(),
  };
}

// --- graphql-armor rejections, as errors with our codes ---------------------------------------

/** armor's message without its misleading "Syntax Error: " prefix */
const armorMessage = (error: GraphQLError) => error.message.replace(/^Syntax Error: /, '');

/** A validation rule's rejection reported as a validation error with `code` (HTTP 400). */
function reportAs(code: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(createGraphQLError(armorMessage(error), { extensions: { code } }));
  };
}

/** The token counter runs inside the parser: its rejection is thrown as the parse error. */
function rethrowAs(code: string) {
  return (_context: ValidationContext | null, error: GraphQLError) => {
    throw createGraphQLError(armorMessage(error), { extensions: { code, http: { status: 400 } } });
  };
}

// --- estimated cost ---------------------------------------------------------------------------

type CostOptions = { maxCost: number; listSize: number; report: boolean };

/**
 * The estimated cost of an operation: the number of objects it may fetch. Every field of an
 * object (or interface/union) type costs 1, times the size of every list it is inside: a field
 * with a `first` argument (a connection page) multiplies what is beneath it by `first` (its value
 * or its default), a list field with list-typed arguments (`addresses(codes:)`, `people(ids:)`,
 * `standardizeAddresses(texts:)`) by the length of its longest such argument (literal or variable),
 * any other list by the assumed `listSize`. Mutations add 10. Scalars are free.
 *
 * Estimated on the whole operation before anything runs. (Hive Gateway's `demandControl` counts
 * per subgraph request while executing, and takes no list size from `[T!]!` fields without
 * `@listSize` directives, which is every list in this graph: it estimated the showcase fan-out over
 * 500 rooms at 33.)
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, listSize: number): number {
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition' && (!operationName || d.name?.value === operationName),
  );
  if (!operation || operation.kind !== 'OperationDefinition') return 0;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [])));
  let cost = operation.operation === 'mutation' ? 10 : 0;
  // duck-typed: the schema's graphql module may be another instance than this file's
  const unwrapNonNull = (t: GraphQLOutputType) => (String(t).endsWith('!') ? (t as { ofType: GraphQLOutputType }).ofType : t);
  const named = (t: GraphQLOutputType): GraphQLNamedType => {
    let x = t as { ofType?: GraphQLOutputType };
    while (x.ofType) x = x.ofType as { ofType?: GraphQLOutputType };
    return x as GraphQLNamedType;
  };
  const isComposite = (t: GraphQLNamedType) => 'getFields' in t || 'getTypes' in t;
  const pageSize = (field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    const def = field.args.find((a) => a.name === 'first');
    if (!def) return undefined;
    const arg = node.arguments?.find((a) => a.name.value === 'first');
    let value: unknown = def.defaultValue;
    if (arg?.value.kind === 'IntValue') value = Number(arg.value.value);
    else if (arg?.value.kind === 'Variable') value = variables[arg.value.name.value] ?? def.defaultValue;
    return typeof value === 'number' && value >= 0 ? value : listSize;
  };
  // the length of the longest list-typed argument given (a literal list or a variable; a single
  // value is coerced to a list of one), or undefined when the field takes no list argument
  const keyCount = (field: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    let longest: number | undefined;
    for (const def of field.args) {
      if (!String(unwrapNonNull(def.type as GraphQLOutputType)).startsWith('[')) continue;
      const arg = node.arguments?.find((a) => a.name.value === def.name);
      let value: unknown = def.defaultValue;
      if (arg?.value.kind === 'ListValue') value = arg.value.values;
      else if (arg?.value.kind === 'Variable') value = variables[arg.value.name.value] ?? def.defaultValue;
      else if (arg && arg.value.kind !== 'NullValue') value = [arg.value];
      const length = Array.isArray(value) ? value.length : value == null ? 0 : 1;
      longest = Math.max(longest ?? 0, length);
    }
    return longest;
  };
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, multiplier: number, inPage: boolean, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'InlineFragment') {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        walk(selection.selectionSet, type ?? undefined, multiplier, inPage, seen);
      } else if (selection.kind === 'FragmentSpread') {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, multiplier, inPage, new Set([...seen, fragment.name.value]));
      } else {
        if (selection.name.value.startsWith('__') || !parent || !('getFields' in parent)) continue;
        const field = parent.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
        if (!field) continue;
        const type = named(field.type);
        if (!isComposite(type) || !selection.selectionSet) continue;
        const first = pageSize(field, selection);
        const isList = String(unwrapNonNull(field.type)).startsWith('[');
        const keys = isList && first === undefined ? keyCount(field, selection) : undefined;
        if (first !== undefined) {
          // a page: the connection object once, what is beneath it `first` times
          cost += multiplier;
          walk(selection.selectionSet, type, multiplier * first, true, seen);
        } else {
          // a list asked for by keys is as long as its longest key list; the edges/nodes list of a
          // page is the page itself; any other list is assumed `listSize` long
          const m = keys !== undefined ? multiplier * keys : isList && !inPage ? multiplier * listSize : multiplier;
          cost += m;
          walk(selection.selectionSet, type, m, false, seen);
        }
      }
    }
  };
  const root = schema.getRootType(operation.operation) ?? undefined;
  walk(operation.selectionSet, root, 1, false, new Set());
  return cost;
}

/** Refuses an operation whose estimated cost is over `maxCost` before it runs (COST_ESTIMATED_TOO_EXPENSIVE). */
function useCostLimit(options: CostOptions): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimated = estimateCost(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>, options.listSize);
      const cost = { estimated, max: options.maxCost };
      if (estimated > options.maxCost) {
        setResultAndStopExecution({
          errors: [
            createGraphQLError(`Operation estimated cost ${estimated} exceeds the maximum of ${options.maxCost}`, {
              extensions: { code: LIMIT_CODES.cost, cost, http: { status: 400 } },
            }),
          ],
        });
        return;
      }
      if (!options.report) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (!(Symbol.asyncIterator in result)) setResult({ ...result, extensions: { ...result.extensions, cost } });
        },
      };
    },
  };
}

// --- no field suggestions ---------------------------------------------------------------------

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Strips every "Did you mean …?" (fields, arguments, types, enum values, inline fragments) from
 * validation errors and from errors coercing variables. graphql-armor's block-field-suggestions
 * covers only the `Did you mean "x"?` form, not enum values, hence this.
 */
function useNoSuggestions(): GatewayPlugin {
  const strip = (errors: readonly unknown[] | undefined) => {
    for (const e of errors ?? []) if (e instanceof Error && SUGGESTION.test(e.message)) e.message = e.message.replace(SUGGESTION, '');
  };
  return {
    onValidate: () => ({ result }) => strip(result),
    onExecutionResult: ({ result }) => {
      if (result && !(Symbol.asyncIterator in result)) strip(result.errors);
    },
  };
}

// --- persisted operations ---------------------------------------------------------------------

function persistedOperations(file: string): NonNullable<LimitRuntimeOptions['persistedDocuments']> {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  if (typeof manifest !== 'object' || manifest === null || Object.values(manifest).some((v) => typeof v !== 'string')) {
    throw new Error(`${file}: a persisted-operations manifest maps each sha256 hash to its document text`);
  }
  const documents = new Map(Object.entries(manifest).map(([hash, text]) => [hash.replace(/^sha256:/, ''), text]));
  return {
    allowArbitraryDocuments: false,
    getPersistedOperation: (hash: string) => documents.get(hash.replace(/^sha256:/, '')) ?? null,
    extractPersistedOperationId: (params: Record<string, any>) => {
      if (typeof params.documentId === 'string') return params.documentId;
      const apq = params.extensions?.persistedQuery;
      return apq?.version === 1 && typeof apq.sha256Hash === 'string' ? apq.sha256Hash : null;
    },
    customErrors: {
      notFound: { message: 'No persisted operation has this hash', extensions: { code: LIMIT_CODES.persistedNotFound, http: { status: 400 } } },
      persistedQueryOnly: {
        message: 'Only persisted operations are accepted: send the documentId of a registered operation instead of a query text',
        extensions: { code: LIMIT_CODES.persistedOnly, http: { status: 400 } },
      },
      keyNotFound: { message: 'A documentId of a persisted operation is required', extensions: { code: LIMIT_CODES.persistedIdRequired, http: { status: 400 } } },
    },
  };
}

// --- rate limit -------------------------------------------------------------------------------

export type RateLimitDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number };

export type RateLimiter = {
  /** Counts one request for `key`; a shared store rejects (RedisUnavailableError) when it cannot count. */
  hit(key: string, now?: number): RateLimitDecision | Promise<RateLimitDecision>;
  dispose(): void;
};

const WINDOW_MS = 60_000;

/** A fixed one-minute window per key, in this process's memory; expired windows are swept each minute. */
export function createMemoryRateLimiter(perMinute: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(key);
  }, WINDOW_MS);
  sweep.unref();
  return {
    hit(key, now = Date.now()) {
      let w = windows.get(key);
      if (!w || now - w.start >= WINDOW_MS) {
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return {
        allowed: w.count <= perMinute,
        remaining: Math.max(0, perMinute - w.count),
        retryAfterSeconds: Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)),
      };
    },
    dispose: () => clearInterval(sweep),
  };
}

/**
 * One atomic step of a fixed window in Redis: count the request and, for the window's first one,
 * set the window's expiry; answer the count and the milliseconds left. (A key left without an
 * expiry, which only a crash between two commands could make, is given one: EVAL is atomic, so
 * it is belt and braces.)
 */
const WINDOW_SCRIPT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}`;
const WINDOW_SCRIPT_SHA = createHash('sha1').update(WINDOW_SCRIPT).digest('hex');

/**
 * The same fixed one-minute window per key as createMemoryRateLimiter, counted in Redis under
 * `<keyPrefix>ratelimit:<key>` (one key per identity, expiring with its window), so every gateway
 * replica sharing the Redis shares the count. One round trip per request (EVALSHA; the script is
 * loaded with EVAL the first time a server does not know it).
 */
export function createRedisRateLimiter(client: RedisClient, perMinute: number, keyPrefix: string): RateLimiter {
  const run = async (key: string): Promise<RedisReply> => {
    const args = [1, `${keyPrefix}ratelimit:${key}`, WINDOW_MS];
    try {
      return await client.command(['EVALSHA', WINDOW_SCRIPT_SHA, ...args]);
    } catch (error) {
      if (error instanceof RedisReplyError && error.message.startsWith('NOSCRIPT')) return client.command(['EVAL', WINDOW_SCRIPT, ...args]);
      throw error;
    }
  };
  return {
    async hit(key) {
      const reply = await run(key);
      if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
        throw new RedisUnavailableError(`unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`);
      }
      const [count, ttlMs] = reply as [number, number];
      return {
        allowed: count <= perMinute,
        remaining: Math.max(0, perMinute - count),
        retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      };
    },
    dispose: () => {},
  };
}

/**
 * The rate limit's store as configured: Redis when REDIS_URL is set (connected and answering PING,
 * else this rejects with a RedisUnavailableError naming the URL), else memory.
 */
export async function connectRateLimitStore(config: { REDIS_URL?: string; REDIS_KEY_PREFIX: string }): Promise<RateLimitStore> {
  if (!config.REDIS_URL) return { kind: 'memory' };
  const client = await connectRedis(config.REDIS_URL);
  return { kind: 'redis', client, keyPrefix: config.REDIS_KEY_PREFIX };
}

/** Seconds a client is told to wait when the shared store cannot be reached. */
const STORE_RETRY_SECONDS = 5;

/** Runs after useJWT verified the token (its onRequestParse), before the body is read as GraphQL. */
function useRateLimit(limiter: RateLimiter): GatewayPlugin {
  let storeDown = false;
  return {
    async onRequestParse({ serverContext, endResponse, fetchAPI }) {
      const ctx = serverContext as { jwt?: { payload?: { sub?: unknown } }; req?: http.IncomingMessage; bridgeContinuation?: boolean };
      // the BI bridge's later pages of one client request (set in this process only, never from
      // HTTP): the client's request was counted once, at its first page
      if (ctx.bridgeContinuation === true) return;
      const sub = ctx.jwt?.payload?.sub;
      const key = typeof sub === 'string' && sub ? `sub:${sub}` : `ip:${ctx.req?.socket.remoteAddress ?? 'unknown'}`;
      let decision: RateLimitDecision;
      try {
        decision = await limiter.hit(key);
        if (storeDown) logger.info({ component: 'rate-limit' }, 'the rate-limit store answers again');
        storeDown = false;
      } catch (err) {
        // fail closed: an uncounted request is not served (logged once per outage)
        if (!storeDown) logger.error({ component: 'rate-limit', err }, 'the rate-limit store cannot be reached: answering 503 RATE_LIMIT_UNAVAILABLE');
        storeDown = true;
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message: 'The rate limit cannot be checked at the moment; try again', extensions: { code: ERROR_CODES.RATE_LIMIT_UNAVAILABLE, retryAfterSeconds: STORE_RETRY_SECONDS } }] }),
            { status: 503, headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(STORE_RETRY_SECONDS) } },
          ),
        );
        return;
      }
      if (decision.allowed) return;
      const body = {
        errors: [
          {
            message: `Rate limit exceeded: retry after ${decision.retryAfterSeconds} s`,
            extensions: { code: LIMIT_CODES.rate, retryAfterSeconds: decision.retryAfterSeconds },
          },
        ],
      };
      endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(decision.retryAfterSeconds) },
        }),
      );
    },
  };
}

// --- request body size ------------------------------------------------------------------------

function tooLarge(res: http.ServerResponse, maxBytes: number): void {
  if (res.headersSent) return;
  const body = JSON.stringify({ errors: [{ message: `The request body exceeds ${maxBytes} bytes`, extensions: { code: LIMIT_CODES.bodySize } }] });
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

/**
 * Refuses a body over `maxBytes` with 413 before anything parses it: at once when its
 * Content-Length says so, else as soon as that many bytes have arrived (chunked bodies). A body
 * within the limit is read whole and handed on as `req.body` (an async iterable, which
 * @whatwg-node/server takes as the request body instead of reading the stream again).
 */
function bodyLimit(maxBytes: number, next: http.RequestListener): http.RequestListener {
  return (req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      next(req, res);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      tooLarge(res, maxBytes);
      req.resume(); // discard what the client still sends; the connection closes after the answer
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        chunks.length = 0;
        tooLarge(res, maxBytes);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      over = true;
      res.destroy();
    });
    req.on('end', () => {
      if (over) return;
      const data = Buffer.concat(chunks);
      // one enumerable key: whatwg-node counts the keys of `body` (a Buffer would cost one per byte)
      (req as { body?: unknown }).body = {
        bytes: data.length,
        async *[Symbol.asyncIterator]() {
          if (data.length > 0) yield data;
        },
      };
      next(req, res);
    });
  };
}
