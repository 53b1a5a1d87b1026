/**
 * Relay cursor pagination helpers. A cursor is an opaque base64url of the sort key of the last
 * row seen (a JSON array), so pages stay stable as rows are added elsewhere.
 */
import { ErrorCode, userError } from './errors.ts';

/** Encodes a sort key as an opaque cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor produced by encodeCursor; a malformed one is a BAD_USER_INPUT-style error. */
export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw userError(`"after" is not a cursor this field produced: ${JSON.stringify(cursor).slice(0, 60)}`, ErrorCode.INVALID_CURSOR);
}

export type PageInfo = { hasNextPage: boolean; endCursor: string | null };

export type Connection<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
};

/**
 * Builds a connection from rows fetched with LIMIT first + 1: the extra row only tells that
 * there is a next page.
 */
export function toConnection<T>(rows: readonly T[], first: number, keyOf: (row: T) => (string | number)[]): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
