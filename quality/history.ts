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
  /** Part counts (linkage: room, building, coarse); {} for none. */
  parts: Record<string, number>;
};

/** Who recorded a run and how (the command line or a schedule's label). */
export type RunOrigin = { recordedBy: string | null; command: string | null };

/** A recorded run of this schema. */
export type RecordedRun = RunOrigin & { runId: string; runAt: Date };

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

/**
 * Stores one run's results in the handle's schema (one statement). A check that could not be
 * computed is stored as one line with status 'error' (community '', total 0), so a page showing
 * the run says so; trends and volume changes skip such lines.
 */
export async function recordResults(database: Database, runId: string, runAt: Date, results: readonly StoredResult[], origin: RunOrigin = { recordedBy: null, command: null }): Promise<void> {
  if (results.length === 0) return;
  const column = <K extends keyof StoredResult>(k: K) => results.map((r) => r[k]) as SqlValue;
  const parts = results.map((r) => (Object.keys(r.parts).length ? JSON.stringify(r.parts) : null));
  await query(database.knex, `/* quality.history.record */
    INSERT INTO ${table(database)} (run_id, run_at, recorded_by, command, check_id, community, segment, total, bad, value, status, parts)
    SELECT ?, ?, ?, ?, u.check_id, u.community, u.segment, u.total, u.bad, u.value, u.status, u.parts::jsonb
    FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::float8[], ?::text[], ?::text[]) AS u(check_id, community, segment, total, bad, value, status, parts)`,
  [runId, runAt, origin.recordedBy, origin.command, column('checkId'), column('community'), column('segment'), column('total'), column('bad'), column('value'), column('status'), parts]);
}

/** The newest recorded run of this schema (the run index, one row), or null when none is. */
export async function latestRun(database: Database): Promise<RecordedRun | null> {
  const rows = await query<{ run_id: string; run_at: Date; recorded_by: string | null; command: string | null }>(database.knex, `/* quality.history.latestRun */
    SELECT run_id, run_at, recorded_by, command FROM ${table(database)} ORDER BY run_at DESC, run_id LIMIT 1`);
  const r = rows[0];
  return r ? { runId: r.run_id, runAt: new Date(r.run_at), recordedBy: r.recorded_by, command: r.command } : null;
}

/** The stored lines of one run within a scope (the primary key's run_id prefix). */
export async function runResults(database: Database, runId: string, scope: QualityScope): Promise<StoredResult[]> {
  const where = and(sql`run_id = ${runId}`, communityCondition(scope));
  const rows = await query<{ check_id: string; community: string; segment: string; total: number; bad: number | null; value: number | null; status: StoredResult['status']; parts: Record<string, number> | string | null }>(database.knex, `/* quality.history.runResults */
    SELECT check_id, community, segment, total, bad, value, status, parts FROM ${table(database)}
    WHERE ${where.text} ORDER BY check_id, community, segment`, where.values);
  return rows.map((r) => ({
    checkId: r.check_id, community: r.community, segment: r.segment, total: Number(r.total), bad: r.bad === null ? null : Number(r.bad),
    value: r.value === null ? null : Number(r.value), status: r.status, parts: typeof r.parts === 'string' ? JSON.parse(r.parts) : (r.parts ?? {}),
  }));
}

/** The totals of each check's cells in the newest earlier run that has them (for volume's change). */
export async function previousTotals(database: Database, checkIds: readonly string[], scope: QualityScope, before?: Date): Promise<Map<string, number>> {
  if (checkIds.length === 0) return new Map();
  const where = and(sql`check_id = ANY(${checkIds}::text[])`, sql`status <> 'error'`, before && sql`run_at < ${before}`, communityCondition(scope));
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
    WHERE q.status <> 'error' AND ${where.text}
    GROUP BY 1, 2, 3 ORDER BY 1, 3`, [runs, ...where.values]);
  return rows.map((r) => ({ checkId: r.check_id, runId: r.run_id, runAt: new Date(r.run_at), total: r.total, bad: r.bad, minValue: r.min_value, maxValue: r.max_value, failCells: r.fail_cells }));
}
