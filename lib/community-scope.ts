/**
 * Community scoping in SQL, shared by the repositories of people, entities, events and cases: a
 * viewer confined to some communities (12-digit codes) sees only rows whose address lies under
 * one of them. null means unconfined.
 */
import { LEVEL_LENGTH, subtreeRange } from './address-code.ts';
import type { Fragment } from './sql.ts';

/**
 * "The address in `column` lies under one of the viewer's communities" (its first 12 characters
 * are one of them). Binds the community list twice: null makes the predicate constant-true,
 * which the planner folds away, so unconfined statements keep their plans.
 */
export const inScope = (column: string): string => `(?::text[] IS NULL OR left(${column}, 12) = ANY(?::text[]))`;

/**
 * Narrows a subtree's code range to the span of the communities, so a confined query at district
 * level range-scans only its communities' part of the index (an empty range when they are
 * disjoint). An optimization only: `inScope` remains the exact check.
 */
export function scopedRange(code: string, communities: readonly string[] | null): { lo: string; hi: string } {
  const range = subtreeRange(code);
  if (communities === null) return range;
  const sorted = [...communities].sort();
  const lo = sorted.length > 0 && sorted[0] > range.lo ? sorted[0] : range.lo;
  const last = sorted.at(-1);
  const hi = last !== undefined && subtreeRange(last).hi < range.hi ? subtreeRange(last).hi : range.hi;
  return sorted.length > 0 && lo < hi ? { lo, hi } : { lo: range.lo, hi: range.lo };
}

/**
 * `inScope` for a statement built per request (lib/sql.ts): null when unconfined, so the
 * condition is left out rather than folded away.
 */
export function scopeCondition(column: string, communities: readonly string[] | null): Fragment | null {
  return communities === null ? null : { text: `left(${column}, 12) = ANY(?::text[])`, values: [communities] };
}

/**
 * True for a district or subdistrict: a subtree so wide that its page is served best by walking
 * an index in the list's own order from the cursor, not by a range scan of the address index and
 * a sort. Such keys get a statement of their own with their values bound as scalars, so the
 * planner sees the range and chooses; inside a batched `unnest` it cannot see them.
 */
export const isWideSubtree = (code: string): boolean => code.length <= LEVEL_LENGTH.SUBDISTRICT;
