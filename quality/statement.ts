/**
 * What a data-quality statement is given and what it returns. Every statement (quality/statements/
 * <schema>.ts, the SQL of one subgraph's schema and only of it) is one aggregate query grouped by
 * community code: the database counts, nothing is read row by row.
 */
import { subtreeRange } from '../lib/address-code.ts';
import { and, raw, sql, type Fragment } from '../lib/sql.ts';
import { CREDIT_CODE_CHARSET, CREDIT_WEIGHTS, ID_CHECK, ID_WEIGHTS } from '../lib/check-digits.ts';

/** Which part of the district a run looks at. */
export type QualityScope = {
  /** An address code prefix (a district, subdistrict or community code); null: everything. */
  prefix: string | null;
  /** Communities the reader is confined to (a token's `communities`); null: not confined. */
  communities: readonly string[] | null;
};

export const WHOLE: QualityScope = Object.freeze({ prefix: null, communities: null });

/** What a statement is built with. */
export type StatementContext = {
  /**
   * The scope as a condition on the address code in `column`: TRUE when the scope is everything; a
   * code range (index friendly) and the community confinement otherwise, which a NULL code fails.
   */
  within(column: string): Fragment;
  /** The registry's community codes (from the buildings schema, read through its statement). */
  knownCommunities: readonly string[];
};

/**
 * One result row: `community` the 12-digit code ('' when the records have none), `segment` a
 * sub-group ('' for none, e.g. an event source), `total` rows looked at, `bad` rows failing (null
 * for measures without failing rows), `value` the measure when the statement computes it (ages), and
 * named part counts (linkage: room, building, coarse).
 */
export type StatementRow = {
  community: string;
  segment: string;
  total: number;
  bad: number | null;
  value: number | null;
  [part: string]: string | number | null;
};

export type Statement = (context: StatementContext) => Fragment;

/** The context for a scope; `knownCommunities` as read from the registry. */
export function statementContext(scope: QualityScope, knownCommunities: readonly string[]): StatementContext {
  return {
    knownCommunities,
    within(column) {
      const range = scope.prefix ? subtreeRange(scope.prefix) : null;
      return and(
        range && { text: `${column} >= ? AND ${column} < ?`, values: [range.lo, range.hi] },
        scope.communities && { text: `left(${column}, 12) = ANY(?::text[])`, values: [scope.communities] },
      );
    },
  };
}

/** `left(column, 12)` as the row's community, '' for a code coarser than a community or none. */
export const communityOf = (column: string): Fragment => raw(`CASE WHEN length(${column}) >= 12 THEN left(${column}, 12) ELSE '' END`);

/**
 * A share check by community: the rows `from` gives (its FROM clause, scoped by the context),
 * grouped by the community of `place`, each group's total and the rows for which `bad` holds.
 * `label` names the statement in pg_stat_statements (`quality.<schema>.<check>`).
 */
export const shareByCommunity = (label: string, place: string, from: (c: StatementContext) => Fragment, bad: (c: StatementContext) => Fragment): Statement => (c) => sql`/* quality.${raw(label)} */
  SELECT ${communityOf(place)} AS community, '' AS segment, count(*) AS total,
         count(*) FILTER (WHERE ${bad(c)}) AS bad, NULL::float8 AS value
  FROM ${from(c)}
  GROUP BY 1 ORDER BY 1`;

/** A `bad` condition of shareByCommunity that is fixed SQL text. */
export const where = (text: string) => (): Fragment => raw(text);

/** True when the community of the code in `column` is not one the registry holds. */
export const unknownCommunity = (column: string, context: StatementContext): Fragment =>
  sql`NOT (left(${raw(column)}, 12) = ANY(${context.knownCommunities}::text[]))`;

/** Counts of current records by link precision: room (25), building (19), coarse (community or grid). */
export const linkParts = (column: string): Fragment =>
  raw(`count(*) FILTER (WHERE length(${column}) = 25) AS room, count(*) FILTER (WHERE length(${column}) = 19) AS building, count(*) FILTER (WHERE length(${column}) < 19) AS coarse`);

/**
 * True when the 18-character identity number in `column` has a wrong GB 11643 check character
 * (the weights and check characters of lib/check-digits.ts, so SQL and JS agree).
 */
export function idNumberCheckFails(column: string): Fragment {
  const sum = ID_WEIGHTS.map((w, i) => `substr(${column}, ${i + 1}, 1)::int * ${w}`).join(' + ');
  return raw(`substr('${ID_CHECK}', ((${sum}) % 11) + 1, 1) <> substr(${column}, 18, 1)`);
}

/** True when the unified social credit code in `column` has a wrong GB 32100 check character. */
export function creditCodeCheckFails(column: string): Fragment {
  const sum = CREDIT_WEIGHTS.map((w, i) => `(strpos('${CREDIT_CODE_CHARSET}', substr(${column}, ${i + 1}, 1)) - 1) * ${w}`).join(' + ');
  return raw(`substr('${CREDIT_CODE_CHARSET}', ((31 - (${sum}) % 31) % 31) + 1, 1) <> substr(${column}, 18, 1)`);
}

/** A `--community` / `?community=` value: a district (6), subdistrict (9) or community (12) code, or why not. */
export function checkScopeCode(input: string): { ok: true; code: string } | { ok: false; message: string } {
  const code = input.trim();
  if (/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/.test(code)) return { ok: true, code };
  return { ok: false, message: `community must be a district (6 digits), subdistrict (9) or community (12) code, got ${JSON.stringify(input)}` };
}
