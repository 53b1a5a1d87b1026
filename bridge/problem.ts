/**
 * Errors the bridge answers with: RFC 9457 problem documents (`application/problem+json`), each
 * with the error code clients switch on (the graph's codes, lib/error-codes.ts) and, where one is
 * to blame, the query parameter or the subgraph.
 */
import { ERROR_CODES, type KnownErrorCode } from '../lib/error-codes.ts';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** The query parameter at fault. */
  parameter?: string;
  /** The subgraph that failed. */
  subgraph?: string;
  /** Seconds to wait (429). */
  retryAfter?: number;
};

/** A failure of one bridge request; `problem` is what the client receives. */
export class BridgeError extends Error {
  readonly problem: Problem;
  constructor(problem: Omit<Problem, 'type' | 'title'> & { title?: string }) {
    super(problem.detail);
    this.name = 'BridgeError';
    this.problem = { type: `urn:address-graph:problem:${problem.code}`, title: problem.title ?? TITLES[problem.status] ?? 'Error', ...problem };
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  406: 'Not acceptable',
  429: 'Too many requests',
  501: 'Not implemented',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** A wrong query parameter: 400 naming it. */
export function badParameter(parameter: string, detail: string): BridgeError {
  return new BridgeError({ status: 400, code: ERROR_CODES.BAD_USER_INPUT, parameter, detail });
}

type GraphQLErrorLike = { message?: string; extensions?: Record<string, unknown> };

/** The HTTP status a graph error code maps to when it stops an export. */
const STATUS_OF: Partial<Record<KnownErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  INVALID_ADDRESS_CODE: 400,
  INVALID_CURSOR: 400,
  PAGE_SIZE_EXCEEDED: 400,
  ADDRESS_NOT_FOUND: 404,
  NOT_FOUND: 404,
  UNAUTHORIZED_FIELD_OR_TYPE: 403,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_EXPIRY_REQUIRED: 401,
  TOKEN_LIFETIME_TOO_LONG: 401,
  INVALID_TOKEN_CLAIMS: 401,
  RATE_LIMITED: 429,
  AUDIT_UNAVAILABLE: 503,
  STATEMENT_TIMEOUT: 503,
  SUBGRAPH_UNAVAILABLE: 502,
};

/**
 * The problem for a GraphQL response that carries errors. Any error stops the page: a row set
 * missing what one subgraph should have given would look complete and be wrong. A failing subgraph
 * is a 502 naming it; a refused scope 403; a bad argument 400; a token the gateway refused keeps
 * its status.
 */
export function problemOfGraphQLErrors(httpStatus: number, errors: readonly GraphQLErrorLike[]): BridgeError {
  const codes = errors.map((e) => String(e.extensions?.code ?? ''));
  const pick = (code: string) => errors[codes.indexOf(code)];
  const unavailable = pick(ERROR_CODES.SUBGRAPH_UNAVAILABLE);
  if (unavailable) {
    const subgraph = String(unavailable.extensions?.serviceName ?? 'unknown');
    return new BridgeError({ status: 502, code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, subgraph, detail: `The ${subgraph} subgraph did not answer, so the table would be incomplete: ${unavailable.message ?? ''}`.trim() });
  }
  const first = errors[0] ?? {};
  const code = codes[0] || 'INTERNAL_SERVER_ERROR';
  const status = STATUS_OF[code as KnownErrorCode] ?? (httpStatus >= 400 && httpStatus < 600 && httpStatus !== 500 ? httpStatus : 502);
  const retry = first.extensions?.retryAfterSeconds;
  const subgraph = typeof first.extensions?.serviceName === 'string' ? first.extensions.serviceName : undefined;
  return new BridgeError({ status, code, detail: first.message ?? 'The graph answered with an error', ...(subgraph ? { subgraph } : {}), ...(typeof retry === 'number' ? { retryAfter: retry } : {}) });
}
