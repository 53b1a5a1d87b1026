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

/** The largest page a list field serves, unless it is one of the bulk lists below. */
export const MAX_PAGE_SIZE = 500;

/**
 * The largest page of the lists the BI bridge pages through whole (Address.events, cases,
 * entities, people, residences, Query.addressesUnder): few rows per page would mean a million
 * round trips; these lists are keyset-paged over an index, so a page costs its own rows only.
 */
export const BULK_PAGE_SIZE = 5000;

/** Validates a `first` argument: 0..max (MAX_PAGE_SIZE unless the field says otherwise). */
export function checkFirst(first: number | null | undefined, fallback: number, max: number = MAX_PAGE_SIZE): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw userError(`"first" must be a non-negative integer, got ${n}`);
  if (n > max) {
    throw userError(`"first" is ${n}; a page holds at most ${max} items: paginate with "after"`, ErrorCode.PAGE_SIZE_EXCEEDED);
  }
  return n;
}

/**
 * Validates a half-open window `[from, before)` of two filter arguments: when both are given,
 * `from` must come first. BAD_USER_INPUT naming both arguments otherwise.
 */
export function checkWindow<T extends Date | string>(from: T | null | undefined, fromName: string, before: T | null | undefined, beforeName: string): void {
  if (from === null || from === undefined || before === null || before === undefined) return;
  const a = from instanceof Date ? from.getTime() : from;
  const b = before instanceof Date ? before.getTime() : before;
  if (a >= b) {
    const shown = (v: T) => (v instanceof Date ? v.toISOString() : v);
    throw userError(`"${fromName}" (${shown(from)}) must be before "${beforeName}" (${shown(before)})`, ErrorCode.BAD_USER_INPUT, { argument: beforeName });
  }
}
