/**
 * Community scoping in SQL, shared by the repositories of people, entities, events and cases: a
 * viewer confined to some communities (12-digit codes) sees only rows whose address lies under
 * one of them. null means unconfined.
 */
import { subtreeRange } from './address-code.ts';

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
