/**
 * Every SQL statement over the quality history (`<schema>.quality_result`, one table per subgraph
 * schema, migrations/_shared/quality-history-20261202.ts). Each call reads or writes the schema of
 * the database handle it is given, and only that.
 */
import { query, type Database, type SqlValue } from '../lib/db.ts';
import { subtreeRange } from '../lib/address-code.ts';
import { and, sql, type Fragment } from '../lib/sql.ts';
import type { QualityScope } from './statement.ts';

/** One stored result: a check's figures for one community and segment in one run. */
export type StoredResult = {
  checkId: string;
  community: string;
  segment: string;
  total: number;
  bad: number | null;
  value: number | null;
  status: 'pass' | 'warn' | 'fail' | 'error';
};

/** A check's figures of one earlier run, summed over the communities of the scope. */
export type TrendRow = { checkId: string; runId: string; runAt: Date; total: number; bad: number | null; minValue: number | null; maxValue: number | null; failCells: number };

const table = (database: Database) => `${database.subgraph}.quality_result`;

/** The stored communities a scope covers: a prefix range and the confinement; run-level rows ('') only when unscoped. */
function communityCondition(scope: QualityScope): Fragment {
  const range = scope.prefix ? subtreeRange(scope.prefix) : null;
  return and(
    range && sql`community >= ${range.lo} AND community < ${range.hi}`,
    scope.communities && sql`community = ANY(${scope.communities}::text[])`,
  );
}

/** Stores one run's results in the handle's schema (one statement). */
export async function recordResults(database: Database, runId: string, runAt: Date, results: readonly StoredResult[]): Promise<void> {
  if (results.length === 0) return;
  const column = <K extends keyof StoredResult>(k: K) => results.map((r) => r[k]) as SqlValue;
  await query(database.knex, `/* quality.history.record */
    INSERT INTO ${table(database)} (run_id, run_at, check_id, community, segment, total, bad, value, status)
    SELECT ?, ?, u.* FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::float8[], ?::text[]) AS u`,
  [runId, runAt, column('checkId'), column('community'), column('segment'), column('total'), column('bad'), column('value'), column('status')]);
}

/** The totals of each check's cells in the newest earlier run that has them (for volume's change). */
export async function previousTotals(database: Database, checkIds: readonly string[], scope: QualityScope): Promise<Map<string, number>> {
  if (checkIds.length === 0) return new Map();
  const where = and(sql`check_id = ANY(${checkIds}::text[])`, communityCondition(scope));
  const rows = await query<{ check_id: string; community: string; segment: string; total: number }>(database.knex, `/* quality.history.previousTotals */
    SELECT DISTINCT ON (check_id, community, segment) check_id, community, segment, total
    FROM ${table(database)} WHERE ${where.text}
    ORDER BY check_id, community, segment, run_at DESC`, where.values);
  return new Map(rows.map((r) => [cellKey(r.check_id, r.community, r.segment), r.total]));
}

export const cellKey = (checkId: string, community: string, segment: string) => `${checkId}\u0000${community}\u0000${segment}`;

/** Each check's figures in the newest `runs` recorded runs of this schema, summed over the scope's communities, oldest first. */
export async function trend(database: Database, scope: QualityScope, runs: number): Promise<TrendRow[]> {
  const where = communityCondition(scope);
  const rows = await query<{ check_id: string; run_id: string; run_at: Date; total: number; bad: number | null; min_value: number | null; max_value: number | null; fail_cells: number }>(database.knex, `/* quality.history.trend */
    WITH runs AS (SELECT run_id, max(run_at) AS run_at FROM ${table(database)} GROUP BY run_id ORDER BY 2 DESC LIMIT ?)
    SELECT q.check_id, q.run_id, runs.run_at, sum(q.total)::bigint AS total, sum(q.bad)::bigint AS bad,
           min(q.value) AS min_value, max(q.value) AS max_value, count(*) FILTER (WHERE q.status = 'fail') AS fail_cells
    FROM ${table(database)} q JOIN runs ON runs.run_id = q.run_id
    WHERE ${where.text}
    GROUP BY 1, 2, 3 ORDER BY 1, 3`, [runs, ...where.values]);
  return rows.map((r) => ({ checkId: r.check_id, runId: r.run_id, runAt: new Date(r.run_at), total: r.total, bad: r.bad, minValue: r.min_value, maxValue: r.max_value, failCells: r.fail_cells }));
}
