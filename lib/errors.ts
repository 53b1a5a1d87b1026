/**
 * GraphQL errors with a stable `extensions.code` that clients can switch on.
 * Expected business outcomes are data; these are for bad input and missing things.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_ADDRESS_CODE: 'INVALID_ADDRESS_CODE',
  ADDRESS_NOT_FOUND: 'ADDRESS_NOT_FOUND',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_CURSOR: 'INVALID_CURSOR',
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
  /** A statement ran past DB_STATEMENT_TIMEOUT_MS and PostgreSQL cancelled it. */
  STATEMENT_TIMEOUT: 'STATEMENT_TIMEOUT',
  /** The client (or the gateway) went away; the request's statement was cancelled. */
  REQUEST_ABANDONED: 'REQUEST_ABANDONED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A client error: the request was wrong, with a message that names the problem. */
export function userError(message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** The largest page any list field serves. */
export const MAX_PAGE_SIZE = 500;

/** Validates a `first` argument: 0..MAX_PAGE_SIZE. */
export function checkFirst(first: number | null | undefined, fallback: number): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw userError(`"first" must be a non-negative integer, got ${n}`);
  if (n > MAX_PAGE_SIZE) {
    throw userError(`"first" is ${n}; a page holds at most ${MAX_PAGE_SIZE} items: paginate with "after"`, ErrorCode.PAGE_SIZE_EXCEEDED);
  }
  return n;
}
