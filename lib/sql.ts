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
