/**
 * `$skiptoken`: where the next page of a server-driven paged response starts. It carries the graph
 * cursor of the node before the next row (keyset: rows written meanwhile do not shift it) and how
 * many of that node's rows were already sent (an exploded node, such as a case's parties, can
 * span two pages), plus what is left of `$skip` and
 * `$top`; it is signed (HMAC-SHA256, key derived like the graph's cursor keys from CURSOR_SECRET,
 * else UPSTREAM_HMAC_SECRET) together with the entity set and the query options, so a token cannot
 * be altered or moved to another query.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveCursorKey } from '../../lib/pagination.ts';
import { ERROR_CODES } from '../../lib/error-codes.ts';
import { BridgeError } from '../problem.ts';

/** Where a scan resumes: after graph cursor `after`, dropping the first `drop` rows of the next node; `skip` and `left` (of $top) still to apply. */
export type ScanState = { after: string | null; drop: number; skip: number; left: number | null };

let key: Buffer | undefined;

function signingKey(): Buffer {
  key ??= deriveCursorKey('address-graph odata', 'skiptoken hmac key');
  return key;
}

function mac(binding: string, payload: string): Buffer {
  return createHmac('sha256', signingKey()).update(binding).update('\0').update(payload).digest().subarray(0, 18);
}

/** A signed token for `state`, bound to `binding` (the entity set and its query options). */
export function signSkipToken(state: ScanState, binding: string): string {
  const payload = Buffer.from(JSON.stringify([state.after, state.drop, state.skip, state.left]), 'utf8').toString('base64url');
  return `${payload}.${mac(binding, payload).toString('base64url')}`;
}

function invalid(): BridgeError {
  return new BridgeError({ status: 400, code: ERROR_CODES.INVALID_CURSOR, parameter: '$skiptoken', detail: '$skiptoken was not made by this service for this query: follow @odata.nextLink as given' });
}

/** The state in a token made by signSkipToken with the same binding; anything else is a 400. */
export function openSkipToken(token: string, binding: string): ScanState {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(binding, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const natural = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [after, drop, skip, left] = parsed as unknown[];
  if ((after !== null && typeof after !== 'string') || !natural(drop) || !natural(skip) || (left !== null && !natural(left))) throw invalid();
  return { after: after as string | null, drop: drop as number, skip: skip as number, left: left as number | null };
}
