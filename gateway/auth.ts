/**
 * Identity at the gateway: every request's bearer token is verified (ES256/RS256 against the
 * configured keys, issuer, audience, an `exp` that is required and not passed, a lifetime of at
 * most MAX_TOKEN_LIFETIME_SECONDS, well-formed claims), each refusal answered with its own code,
 * and every subgraph request carries the verified claims, signed together with its query,
 * variables, the subgraph it is for, the time and the request's deadline (lib/auth/upstream.ts),
 * so subgraphs accept nothing else and a captured request cannot be replayed. API keys (Bearer
 * agk_..., an api_key header, or HTTP Basic) are verified here too (gateway/api-keys.ts) and
 * become the same claims.
 */
import { readFileSync } from 'node:fs';
import { getOperationAST, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import { isAsyncIterable, type ExecutionResult } from '@graphql-tools/utils';
// errors are made with yoga's graphql module: under vitest 'graphql' here may be another instance
import { createGraphQLError } from 'graphql-yoga';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { env } from '../lib/config.ts';
import { devPublicKeyPem } from '../lib/auth/dev-keys.ts';
import { ANONYMOUS, checkClaims, viewerFromClaims, type Viewer } from '../lib/auth/scopes.ts';
import { hashOperation } from '../audit/writer.ts';
import { signedExtensions, type RequestMeta } from '../lib/auth/upstream.ts';
import { ERROR_CODES, type KnownErrorCode } from '../lib/error-codes.ts';
import { logger } from '../lib/logger.ts';
import { requestDeadline } from './deadline.ts';
import { apiKeyVerifier, presentedApiKey } from './api-keys.ts';
import { useScopesCheckedPerDocument } from './scope-check.ts';
import { auditedAtGateway } from './subscription-hub.ts';
import type { ApiKeyStore } from '../access/store.ts';

export type GatewayAuthOptions = {
  /** HMAC secret shared with the subgraphs. */
  upstreamSecret: string;
  /** PEM public key or JWKS URL to verify tokens with; defaults from config (dev key outside production). */
  publicKeyPem?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Whether requests without a token are served (as anonymous). */
  allowAnonymous?: boolean;
  /** Longest lifetime (exp - iat, and exp - now) a token may have, seconds; default MAX_TOKEN_LIFETIME_SECONDS. */
  maxTokenLifetimeSeconds?: number;
  /** Seconds a verified token is trusted again without its signature checked; default TOKEN_CACHE_SECONDS (0: never). */
  tokenCacheSeconds?: number;
  /** The whole-request deadline signed into subgraph requests, ms; default REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Where API keys are checked (access/store.ts); unset: every API key is refused (401 INVALID_API_KEY). */
  apiKeys?: ApiKeyStore;
};

/** Resolves verification settings from config: JWKS URL, else a PEM file, else (dev only) the dev key. */
export async function authOptionsFromConfig(upstreamSecret: string): Promise<GatewayAuthOptions> {
  const e = env();
  const base = { upstreamSecret, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, allowAnonymous: e.ALLOW_ANONYMOUS };
  if (e.JWT_JWKS_URL) return { ...base, jwksUrl: e.JWT_JWKS_URL };
  if (e.JWT_PUBLIC_KEY_FILE) return { ...base, publicKeyPem: readFileSync(e.JWT_PUBLIC_KEY_FILE, 'utf8') };
  if (e.NODE_ENV === 'production') throw new Error('production needs JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE to verify tokens');
  return { ...base, publicKeyPem: await devPublicKeyPem() };
}

export type GatewayRequestContext = {
  jwt?: { payload?: unknown };
  request?: { headers: { get(name: string): string | null } };
  params?: { operationName?: string | null; query?: string | null; extensions?: Record<string, unknown> | null };
};

/**
 * The client's operation as the audit log records it: name, hash of the text, client name
 * (`graphql-client-name` or `apollographql-client-name` header), the declared purpose (the
 * request's `extensions.purpose`, else a percent-encoded `x-purpose` header, since HTTP headers
 * cannot carry Chinese text as is), request id (`x-request-id`) and `Idempotency-Key` (the
 * mutations' retry key when the input carries no clientMutationId).
 */
export function requestMeta(context: GatewayRequestContext | undefined): RequestMeta {
  const header = (name: string) => context?.request?.headers.get(name) ?? null;
  const query = context?.params?.query ?? null;
  return {
    operationName: context?.params?.operationName ?? (query ? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1] ?? null : null),
    operationHash: query ? hashOperation(query) : null,
    clientName: header('graphql-client-name') ?? header('apollographql-client-name'),
    purpose: purposeOf(context?.params?.extensions?.purpose, header('x-purpose')),
    requestId: header('x-request-id'),
    idempotencyKey: header('idempotency-key'),
  };
}

function purposeOf(fromBody: unknown, fromHeader: string | null): string | null {
  if (typeof fromBody === 'string' && fromBody.trim()) return fromBody.trim();
  if (!fromHeader) return null;
  try {
    return decodeURIComponent(fromHeader);
  } catch {
    return fromHeader;
  }
}

/**
 * Signs every subgraph request: query, variables, the verified claims (null when anonymous), the
 * client's request (for the audit log), the subgraph it goes to, now, and the request's deadline;
 * for a shared subscription's calls also that the gateway writes the audit records.
 */
function useSignedUpstream(secret: string, requestTimeoutMs: number): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executionRequest, setExecutionRequest }) {
      const context = executionRequest.context as GatewayRequestContext | undefined;
      const parts = {
        query: defaultPrintFn(executionRequest.document),
        variables: executionRequest.variables,
        identity: context?.jwt?.payload ?? null,
        request: requestMeta(context),
        call: { subgraph: subgraphName, issuedAt: Date.now(), deadline: requestDeadline(context, requestTimeoutMs), ...(auditedAtGateway(context) ? { audit: 'gateway' as const } : {}) },
      };
      setExecutionRequest({ ...executionRequest, extensions: { ...executionRequest.extensions, ...signedExtensions(secret, parts) } });
    },
  };
}

// --- bearer tokens ----------------------------------------------------------------------------

export type TokenRefusal = { status: 400 | 401 | 503; code: KnownErrorCode; message: string };

/** Verifies one compact JWT: signature, algorithm, issuer, audience and a present, unexpired `exp`. */
type TokenVerifier = (token: string) => Promise<JWTPayload>;

/** Verified tokens kept at most (least recently used first out). */
export const VERIFIED_TOKENS = 10_000;

function tokenVerifier(options: GatewayAuthOptions): TokenVerifier {
  const key: KeyObject | ReturnType<typeof createRemoteJWKSet> = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : createPublicKey(options.publicKeyPem!);
  const verifyOptions = { algorithms: ['ES256', 'RS256'], issuer: options.issuer, audience: options.audience, requiredClaims: ['exp'] };
  const verify = async (token: string) => (await (typeof key === 'function' ? jwtVerify(token, key, verifyOptions) : jwtVerify(token, key, verifyOptions))).payload;
  const seconds = options.tokenCacheSeconds ?? env().TOKEN_CACHE_SECONDS;
  if (seconds === 0) return verify;
  // A client sends the same token with every request, and its ES256 signature check (WebCrypto)
  // was about a tenth of a report's CPU. The exact string, once verified, is trusted again for at
  // most TOKEN_CACHE_SECONDS and never at or past its exp (checked on every use, like jose does);
  // tokens that fail are never kept, so each refusal is checked and answered afresh.
  const verified = new LRUCache<string, JWTPayload>({ max: VERIFIED_TOKENS, ttl: seconds * 1000, ttlAutopurge: false });
  return async (token) => {
    const hit = verified.get(token);
    if (hit) {
      if (Date.now() < hit.exp! * 1000) return hit;
      verified.delete(token);
    }
    const payload = await verify(token);
    verified.set(token, payload, { ttl: Math.min(seconds * 1000, payload.exp! * 1000 - Date.now()) });
    return payload;
  };
}

/** Why a token was refused, from jose's error: a client's mistake gets its code, a key outage (JWKS unreachable) 503. */
function refusalOf(error: unknown, remoteKeys: boolean): TokenRefusal {
  if (error instanceof joseErrors.JWTExpired) return { status: 401, code: ERROR_CODES.TOKEN_EXPIRED, message: 'The token has expired' };
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing') {
    return { status: 401, code: ERROR_CODES.TOKEN_EXPIRY_REQUIRED, message: 'The token has no expiry (exp); tokens must expire' };
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) return { status: 401, code: ERROR_CODES.INVALID_TOKEN, message: `The token's "${error.claim}" claim is not accepted (${error.reason})` };
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return { status: 400, code: ERROR_CODES.INVALID_TOKEN, message: 'The authorization header does not hold a JWT' };
  if (error instanceof joseErrors.JWKSTimeout || (remoteKeys && !(error instanceof joseErrors.JOSEError))) {
    return { status: 503, code: ERROR_CODES.INVALID_TOKEN, message: 'Tokens cannot be verified at the moment; try again' };
  }
  return { status: 401, code: ERROR_CODES.INVALID_TOKEN, message: 'The token is not signed by a trusted key' };
}

/** A request's credentials checked: the verified claims (null: anonymous), or why they were refused. */
export type RequestAuthentication = { payload: JWTPayload | null; token?: string } | TokenRefusal;

/**
 * Checks the credentials of a request's headers (bearer token, API key, or none) as /graphql
 * does; routes beside the graph (GET /quality) use it too, so every route refuses alike.
 */
export function requestAuthenticator(options: GatewayAuthOptions): (headers: Headers) => Promise<RequestAuthentication> {
  const verify = tokenVerifier(options);
  const maxLifetime = options.maxTokenLifetimeSeconds ?? env().MAX_TOKEN_LIFETIME_SECONDS;
  const verifyApiKey = apiKeyVerifier(options.apiKeys);
  return async (headers: Headers): Promise<RequestAuthentication> => {
    const header = headers.get('authorization');
    const apiKey = presentedApiKey(header, headers.get('api_key'));
    if (apiKey) return 'key' in apiKey ? verifyApiKey(apiKey.key) : apiKey;
    if (header === null || header.trim() === '') {
      if (options.allowAnonymous === false) return { status: 401, code: ERROR_CODES.UNAUTHENTICATED, message: 'A bearer token is required' };
      return { payload: null };
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { status: 400, code: ERROR_CODES.INVALID_TOKEN, message: 'The authorization header must be "Bearer <token>"' };
    let payload: JWTPayload;
    try {
      payload = await verify(match[1]);
    } catch (error) {
      return refusalOf(error, Boolean(options.jwksUrl));
    }
    const now = Math.floor(Date.now() / 1000);
    const lifetime = Math.max(payload.exp! - (typeof payload.iat === 'number' ? payload.iat : now), payload.exp! - now);
    if (lifetime > maxLifetime) {
      return { status: 401, code: ERROR_CODES.TOKEN_LIFETIME_TOO_LONG, message: `The token is valid for ${lifetime} s; at most ${maxLifetime} s are accepted` };
    }
    const claims = checkClaims(payload);
    if (!claims.ok) return { status: 401, code: ERROR_CODES.INVALID_TOKEN_CLAIMS, message: claims.message };
    return { payload, token: match[1] };
  };
}

/**
 * Verifies the bearer token before the request is read as GraphQL, and answers a refused one at
 * once (400/401 with a code naming why; one debug log line, no stack: a bad token is the
 * client's mistake, not the server's). A verified token's claims are on `context.jwt.payload`.
 */
function useVerifiedToken(options: GatewayAuthOptions): GatewayPlugin {
  const check = requestAuthenticator(options);
  return {
    async onRequestParse({ request, serverContext, endResponse, fetchAPI }) {
      const result = await check(request.headers);
      if ('code' in result) {
        logger.debug({ component: 'gateway', code: result.code, status: result.status }, result.message);
        const body = { errors: [{ message: result.message, extensions: { code: result.code } }] };
        const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
        if (result.status === 401) headers['www-authenticate'] = `Bearer error="invalid_token", error_description="${result.code}"`;
        // a client that sent HTTP Basic (Power BI, Excel) asks for the key again on a Basic challenge;
        // only then: a browser answers a Basic challenge to fetch() with a login dialog
        if (result.status === 401 && /^\s*Basic\s/i.test(request.headers.get('authorization') ?? '')) headers['www-authenticate'] += ', Basic realm="address-graph", charset="UTF-8"';
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status: result.status, headers }));
        return;
      }
      // (an API key's claims carry no token: the key itself goes nowhere)
      if (result.payload) Object.assign(serverContext as object, { jwt: { payload: result.payload, ...(result.token ? { token: { value: result.token, prefix: 'Bearer' } } : {}) } });
    },
  };
}

/**
 * A document may hold several operations; only the one `operationName` picks (as GraphQL picks
 * it) goes on to authorization and the query planner, with the fragments it uses. Otherwise the
 * refusals of another operation would be reported for this one, and an operation emptied by the
 * authorization step, run or not, leaves a document the planner cannot parse (a 500).
 */
function useOnlyTheOperationToRun(): GatewayPlugin {
  return {
    onExecute({ args }) {
      const document = args.document as DocumentNode;
      const operation = getOperationAST(document, args.operationName);
      if (!operation || !document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d !== operation)) return;
      const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
      const used = new Set<string>();
      const pending: ASTNode[] = [operation];
      while (pending.length) {
        visit(pending.pop()!, {
          FragmentSpread(spread) {
            const fragment = fragments.get(spread.name.value);
            if (fragment && !used.has(fragment.name.value)) {
              used.add(fragment.name.value);
              pending.push(fragment);
            }
          },
        });
      }
      args.document = { ...document, definitions: [operation, ...[...used].map((name) => fragments.get(name)!)] };
    },
  };
}

/**
 * When every field of the operation was refused, the authorization step leaves it with an empty
 * selection, which the query planner cannot parse (a 500). Answer such a request directly: the
 * refusals the authorization step recorded are added to this empty result as usual.
 */
function useNothingLeftToRun(): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation && operation.selectionSet.selections.length === 0) setResultAndStopExecution({ data: {} });
    },
    // a subscription whose field was refused: the refusal is its one result, and the stream ends
    onSubscribe({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation && operation.selectionSet.selections.length === 0) setResultAndStopExecution({ data: null });
    },
  };
}

/**
 * A stream that ends, after one TOKEN_EXPIRED error, at `at` (epoch ms). An iterator of its own
 * rather than an async generator racing each result against the expiry: a shared subscription
 * (gateway/subscription-hub.ts) passes every result of a burst through one of these per
 * subscriber, and the generator's and the race's promises were a large part of the burst's garbage.
 */
export function untilExpiry<T>(stream: AsyncIterable<T>, at: number): AsyncIterableIterator<T | ExecutionResult> {
  const source = stream[Symbol.asyncIterator]();
  let finished = false;
  let expired = false;
  // the reader's pending next(), answered by the source or, at expiry, by the error
  let waiting: ((result: IteratorResult<T | ExecutionResult>) => void) | null = null;
  const end = () => {
    finished = true;
    clearTimeout(timer);
    // not awaited: the subgraph's stream ends on its own at the same expiry
    Promise.resolve(source.return?.()).catch(() => {});
  };
  const expiredResult = (): IteratorResult<T | ExecutionResult> => {
    end();
    return { value: { errors: [createGraphQLError('The token has expired; the subscription ended', { extensions: { code: ERROR_CODES.TOKEN_EXPIRED } })] }, done: false };
  };
  const timer = setTimeout(() => {
    expired = true;
    if (waiting) {
      const answer = waiting;
      waiting = null;
      answer(expiredResult());
    }
  }, Math.max(0, at - Date.now()));
  const iterator: AsyncIterableIterator<T | ExecutionResult> = {
    next() {
      if (finished) return Promise.resolve({ value: undefined, done: true });
      if (expired) return Promise.resolve(expiredResult());
      return new Promise((resolve, reject) => {
        waiting = resolve;
        source.next().then((item) => {
          if (waiting !== resolve) return; // answered by the expiry meanwhile
          waiting = null;
          if (item.done) end();
          resolve(item);
        }, (err: unknown) => {
          if (waiting !== resolve) return;
          waiting = null;
          end();
          reject(err);
        });
      });
    },
    return() {
      if (!finished) end();
      if (waiting) {
        const answer = waiting;
        waiting = null;
        answer({ value: undefined, done: true });
      }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * The token is checked when a subscription starts (useVerifiedToken); its expiry ends it: the
 * client gets a TOKEN_EXPIRED error and the stream completes (a client reconnects with a fresh
 * token). API keys without an expiry keep their subscriptions until revoked and reconnected.
 */
function useTokenExpiryEndsSubscriptions(): GatewayPlugin {
  return {
    onSubscribe({ args }) {
      const exp = (args.contextValue as GatewayRequestContext).jwt?.payload as { exp?: unknown } | undefined;
      if (typeof exp?.exp !== 'number') return;
      const at = exp.exp * 1000;
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(untilExpiry(result, at) as typeof result);
        },
      };
    },
  };
}

/**
 * The same selections everywhere (fields by name and alias, fragments by name): the authorization
 * step only ever removes selections, so equal shapes mean it removed nothing.
 */
function sameShape(a: readonly ASTNode[], b: readonly ASTNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ASTNode & { selectionSet?: { selections: readonly ASTNode[] }; name?: { value: string }; alias?: { value: string } };
    const y = b[i] as typeof x;
    if (x === y) continue;
    if (x.kind !== y.kind || x.name?.value !== y.name?.value || x.alias?.value !== y.alias?.value) return false;
    if (Boolean(x.selectionSet) !== Boolean(y.selectionSet)) return false;
    if (x.selectionSet && !sameShape(x.selectionSet.selections, y.selectionSet!.selections)) return false;
  }
  return true;
}

/**
 * The authorization step (useGenericAuth's extended validation) hands on a new copy of the
 * document on every request, even when it removed nothing, and the query planner's plan cache and
 * the printed-document cache are keyed by the document object: every request was planned by the
 * Rust planner and printed anew (the largest per-request cost in a profile of spread Q1). When
 * nothing was removed, this puts the parsed (cached) document back, so those caches hit; when
 * fields were refused, the reduced copy goes on as before.
 */
function useCachedDocumentWhenUnchanged(): { before: GatewayPlugin; after: GatewayPlugin } {
  const original = new WeakMap<object, DocumentNode>();
  return {
    before: {
      onExecute({ args }) {
        original.set(args.contextValue as object, args.document as DocumentNode);
      },
    },
    after: {
      onExecute({ args }) {
        const parsed = original.get(args.contextValue as object);
        const current = args.document as DocumentNode;
        if (parsed && parsed !== current && sameShape(parsed.definitions, current.definitions)) args.document = parsed;
      },
    },
  };
}

export function authPlugins(options: GatewayAuthOptions): GatewayPlugin[] {
  const cachedDocument = useCachedDocumentWhenUnchanged();
  return [
    useOnlyTheOperationToRun(),
    useVerifiedToken(options),
    useTokenExpiryEndsSubscriptions(),
    cachedDocument.before,
    // @requiresScopes in the supergraph (declared in each subgraph's SDL): a field the viewer's
    // scopes do not cover is refused before any subgraph is called; the subgraphs check again.
    // (useGenericAuth, its per-request walk skipped when the scopes cover the whole document)
    useScopesCheckedPerDocument<Viewer>({
      mode: 'protect-granular',
      rejectUnauthenticated: false,
      resolveUserFn: (context) => {
        const payload = (context as { jwt?: { payload?: unknown } }).jwt?.payload;
        return payload ? viewerFromClaims(payload) : ANONYMOUS;
      },
      extractScopes: (viewer) => [...viewer.scopes],
      scopesOf: (viewer) => viewer.scopes,
    }),
    // (useGenericAuth's validation plugin is inserted right after it, so this runs after that)
    cachedDocument.after,
    useNothingLeftToRun(),
    useSignedUpstream(options.upstreamSecret, options.requestTimeoutMs ?? env().REQUEST_TIMEOUT_MS),
  ];
}
