/**
 * SQL that binds where the value stands: `sql\`a.code >= ${lo}\`` gives the text with a `?` in
 * place of the value and the value in its binding slot, so no binding can drift out of step with
 * its placeholder. Fragments nest (a fragment interpolated into another keeps its own bindings
 * in place) and `and()` joins the conditions that apply. Used by statements built per request
 * from the filters given (lib/db.ts `query` runs them).
 */
import type { SqlValue } from './db.ts';

export type Fragment = { readonly text: string; readonly values: readonly SqlValue[] };

const isFragment = (v: unknown): v is Fragment =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && 'text' in v && 'values' in v;

/** A fragment of SQL text with its values bound in place (`?` each; casts go in the text). */
export function sql(strings: TemplateStringsArray, ...values: readonly (SqlValue | Fragment)[]): Fragment {
  let text = strings[0];
  const bound: SqlValue[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      text += value.text;
      bound.push(...value.values);
    } else {
      text += '?';
      bound.push(value);
    }
    text += strings[i + 1];
  });
  return { text, values: bound };
}

/** Trusted SQL text with no values (a column list, a constant predicate). */
export const raw = (text: string): Fragment => ({ text, values: [] });

/**
 * A timestamptz column read as the DateTime scalar's canonical text, `2026-11-30T08:15:00.123Z`
 * (UTC, milliseconds, as `Date#toISOString` writes it and lib/scalars.ts passes through). The
 * database formats it on its own core: for a page of events, parsing each instant into a Date and
 * printing it again was a tenth of the gateway process's CPU in a bridge export. Milliseconds are
 * truncated, as a Date's are; keyset cursors keep their own microsecond column.
 */
export const isoInstant = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The conditions given (null/false ones left out) joined with AND; TRUE when none is. */
export function and(...conditions: readonly (Fragment | null | false | undefined | '')[]): Fragment {
  const present = conditions.filter((c): c is Fragment => Boolean(c));
  if (present.length === 0) return raw('TRUE');
  return { text: present.map((c) => `(${c.text})`).join(' AND '), values: present.flatMap((c) => c.values) };
}

/**
 * A filter's window on when a row last changed: at or after `updatedSince`, before
 * `updatedBefore` (instants, or their ISO text).
 */
export type UpdatedWindow = { readonly updatedSince?: Date | string | null; readonly updatedBefore?: Date | string | null };

const instantKey = (t: Date | string | null | undefined) => (t instanceof Date ? t.toISOString() : t ?? '');
const windowKey = (w: UpdatedWindow) => `${instantKey(w.updatedSince)}|${instantKey(w.updatedBefore)}`;

/**
 * The indexes of a batch's keys (or of those `indexes` names) grouped by their updated window, in
 * first-seen order, so that a batched statement binds its group's window in place
 * (windowCondition) rather than per key from unnest. `(k.updated_since IS NULL OR r.updated_at >=
 * k.updated_since)` is no index condition: asking for the residences changed since a watermark
 * read all of residence_updated_idx (455 ms, 632,658 rows filtered, EXPLAIN ANALYZE at scale 10)
 * where a bound instant takes 0.3 ms, the planner seeing from the statistics that few rows changed
 * since then. The keys of one request share a window or a few (one per field argument), so the
 * groups, and statements, are few.
 */
export function windowGroups(keys: readonly UpdatedWindow[], indexes: readonly number[] = keys.map((_, i) => i)): number[][] {
  const groups = new Map<string, number[]>();
  for (const i of indexes) {
    const key = windowKey(keys[i]);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  return [...groups.values()];
}

/** "`column` in the window", its instants bound in place; TRUE when the window is open both ways. */
export function windowCondition(column: string, w: UpdatedWindow): Fragment {
  return and(
    w.updatedSince && sql`${raw(column)} >= ${w.updatedSince}::timestamptz`,
    w.updatedBefore && sql`${raw(column)} < ${w.updatedBefore}::timestamptz`,
  );
}
