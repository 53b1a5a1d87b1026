/**
 * Every `extensions.code` this graph answers with, in one registry: what a client can switch on,
 * what the README lists (tests/error-codes.test.ts keeps the two in step) and the only values the
 * `code` label of graphql_errors_total takes (anything else is counted as OTHER).
 */
import { ErrorCode } from './errors.ts';

/** The meaning of each code, as the README's error table states it. */
export const ERROR_CODE_MEANINGS = {
  // resolvers (lib/errors.ts)
  BAD_USER_INPUT: 'an argument is wrong; the message names it',
  INVALID_ADDRESS_CODE: 'an address code is malformed; the message says where',
  ADDRESS_NOT_FOUND: 'no address has this code (the field is null)',
  NOT_FOUND: 'no object has this id or key (the field is null)',
  INVALID_CURSOR: 'an `after` cursor was not made by this server for this list',
  PAGE_SIZE_EXCEEDED: '`first` is over the field\'s page size (500; 5000 for the bulk lists the BI bridge reads): paginate with `after`',
  INTERNAL_SERVER_ERROR: 'an unexpected failure, logged; no internals are shown',
  STATEMENT_TIMEOUT: 'a database statement ran past DB_STATEMENT_TIMEOUT_MS and was cancelled; narrow the request',
  REQUEST_ABANDONED: 'the client or the gateway went away (or its deadline passed) and the running statement was cancelled',
  // GraphQL servers and authorization (graphql-yoga, Apollo Server, envelop)
  GRAPHQL_PARSE_FAILED: 'the document is not valid GraphQL syntax',
  GRAPHQL_VALIDATION_FAILED: 'the document does not fit the schema (unknown field, wrong type, introspection in production)',
  BAD_REQUEST: 'the HTTP request is not a GraphQL request (body not JSON, no query)',
  OPERATION_RESOLUTION_FAILURE: 'the document holds several operations and `operationName` names none of them (400)',
  UNAUTHORIZED_FIELD_OR_TYPE: 'the token\'s scopes do not cover this field (refused at the gateway; the field is null)',
  FORBIDDEN: 'the identity\'s scopes do not cover this field (refused again by the subgraph)',
  // gateway limits (gateway/limits.ts)
  MAX_DEPTH_EXCEEDED: 'the operation nests deeper than MAX_QUERY_DEPTH (400)',
  MAX_ALIASES_EXCEEDED: 'the operation has more aliases than MAX_ALIASES (400)',
  MAX_TOKENS_EXCEEDED: 'the document has more tokens than MAX_TOKENS (400)',
  COST_ESTIMATED_TOO_EXPENSIVE: 'the estimated cost is over MAX_QUERY_COST (400)',
  BODY_TOO_LARGE: 'the request body is over MAX_BODY_BYTES at the gateway, or 4 MiB at a subgraph (413)',
  RATE_LIMITED: 'over RATE_LIMIT_PER_MINUTE; retry after `retry-after` seconds (429)',
  RATE_LIMIT_UNAVAILABLE: 'the shared rate-limit store (Redis at REDIS_URL) cannot be reached, so the request is not counted and not served (503); retry after `retry-after` seconds',
  EXPORTS_BUSY: 'the bridge is already streaming BRIDGE_MAX_EXPORTS whole exports (`all=true`); retry after `retry-after` seconds (503)',
  PERSISTED_QUERY_NOT_FOUND: 'no persisted operation has this hash (400)',
  PERSISTED_QUERY_ONLY: 'only persisted operations run; send a documentId (400)',
  PERSISTED_QUERY_ID_REQUIRED: 'a documentId is required (400)',
  // gateway deadline (gateway/deadline.ts)
  SUBGRAPH_UNAVAILABLE: 'a subgraph did not answer within the request deadline, is down, or has too many requests in flight; `serviceName` names it, its fields are null',
  // tokens at the gateway (gateway/auth.ts)
  UNAUTHENTICATED: 'a token is required (ALLOW_ANONYMOUS=false) (401)',
  INVALID_TOKEN: 'the token is not a JWT (400), is signed with another key or has the wrong issuer or audience (401); 503 when the keys cannot be fetched',
  TOKEN_EXPIRED: 'the token\'s `exp` has passed (401)',
  TOKEN_EXPIRY_REQUIRED: 'the token has no `exp` (401)',
  TOKEN_LIFETIME_TOO_LONG: 'the token\'s lifetime (`exp` - `iat`) is over MAX_TOKEN_LIFETIME_SECONDS (401)',
  INVALID_TOKEN_CLAIMS: 'a claim of the token (sub, scope, roles, communities) is malformed; the message names it (401)',
  // API keys at the gateway (access/, gateway/api-keys.ts)
  INVALID_API_KEY: 'the API key is malformed, unknown or its secret is wrong, or this gateway accepts no API keys (401); two credentials at once (400)',
  API_KEY_REVOKED: 'the API key was revoked (`npm run apikey -- revoke`) (401)',
  API_KEY_EXPIRED: 'the API key is past its expiry (401)',
  API_KEYS_UNAVAILABLE: 'the access database cannot be reached, so API keys cannot be checked (503); retry',
  // subscriptions (gateway/subscription-hub.ts)
  SUBSCRIBER_TOO_SLOW: 'a subscriber fell more than 10,000 results behind its subscription, which then ended; reconnect',
  // audit trail (audit/)
  AUDIT_UNAVAILABLE: 'the audit log could not be written, so no person-level data was sent (fail closed); `serviceName` names the subgraph (503 there)',
  // gateway -> subgraph signatures (lib/auth/upstream.ts); met only when calling a subgraph directly
  GATEWAY_SIGNATURE_REQUIRED: 'the subgraph request is not signed by the gateway, or signed for another subgraph (401)',
  GATEWAY_SIGNATURE_EXPIRED: 'the gateway\'s signature is older than UPSTREAM_SIGNATURE_MAX_AGE_MS (401)',
  // BI bridge (bridge/odata/)
  NOT_IMPLEMENTED: 'valid OData the bridge does not serve (a function, an operator, an order, a count past the scan cap); the message names it (501)',
} as const satisfies Record<string, string> & Record<ErrorCode, string>;

export type KnownErrorCode = keyof typeof ERROR_CODE_MEANINGS;

/** Each code by name, e.g. `ERROR_CODES.SUBGRAPH_UNAVAILABLE`. */
export const ERROR_CODES = Object.fromEntries(Object.keys(ERROR_CODE_MEANINGS).map((c) => [c, c])) as { readonly [C in KnownErrorCode]: C };

const KNOWN = new Set<string>(Object.keys(ERROR_CODE_MEANINGS));

/** `code` when it is in the registry, else "OTHER": what a metric label may take. */
export function errorCodeLabel(code: unknown): KnownErrorCode | 'OTHER' {
  return typeof code === 'string' && KNOWN.has(code) ? (code as KnownErrorCode) : 'OTHER';
}

/** The README's error table (between its error-codes markers), made from the registry. */
export function errorCodeTable(): string {
  const rows = Object.entries(ERROR_CODE_MEANINGS).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ['| code | meaning |', '|---|---|', ...rows].join('\n');
}
