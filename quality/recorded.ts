/**
 * The newest recorded quality run read back from the history (`<schema>.quality_result`), as the
 * run GET /quality shows: district-wide checks read whole tables and take longer than a request
 * may (the gateway's 5 s statement timeout), so the page serves what `npm run quality` (by hand or
 * on a schedule) last recorded, with when and by whom, instead of computing on request.
 *
 * Per subgraph: its schema's newest run (a run may cover some subgraphs only), its lines within
 * the scope (the reader's communities and the asked prefix), the previous run's totals for the
 * volume checks and the trend of the runs before it. Every read is an index range of the history
 * table; nothing reads the departments' tables.
 */
import type { SubgraphName } from '../lib/config.ts';
import type { Database } from '../lib/db.ts';
import { CHECKS } from './checks.ts';
import { cellKey, latestRun, previousTotals, runResults, trend } from './history.ts';
import { summarize, type Cell, type CheckResult, type QualityRun } from './run.ts';
import type { QualityScope } from './statement.ts';

export type RecordedOptions = {
  scope: QualityScope;
  subgraphs: readonly SubgraphName[];
  /** Earlier runs the trend shows (default 12). */
  trendRuns?: number;
};

/** The newest recorded run of each asked subgraph within the scope; null when none of them has one. */
export async function recordedQuality(databases: Record<SubgraphName, Database>, options: RecordedOptions): Promise<QualityRun | null> {
  const scoped = options.scope.prefix !== null || options.scope.communities !== null;
  const results: CheckResult[] = [];
  const runs: QualityRun['runs'] = [];
  for (const subgraph of options.subgraphs) {
    const database = databases[subgraph];
    const latest = await latestRun(database);
    if (!latest) continue;
    runs.push({ subgraph, ...latest });
    const stored = await runResults(database, latest.runId, options.scope);
    const checks = CHECKS.filter((c) => c.subgraph === subgraph && !(scoped && c.runLevel));
    const previous = await previousTotals(database, checks.filter((c) => c.measure === 'rows').map((c) => c.id), options.scope, latest.runAt);
    const earlier = (await trend(database, options.scope, (options.trendRuns ?? 12) + 1)).filter((t) => t.runId !== latest.runId);
    // the run's error lines are unscoped (community ''): read them apart, so a confined reader sees them too
    const errors = new Set((scoped ? await runResults(database, latest.runId, { prefix: null, communities: null }) : stored).filter((r) => r.status === 'error').map((r) => r.checkId));
    for (const check of checks) {
      if (errors.has(check.id)) {
        results.push({ check, status: 'error', total: 0, bad: null, value: null, previous: null, change: null, parts: {}, cells: [], failingCells: 0, error: 'not computed in the recorded run', trend: [] });
        continue;
      }
      const cells: Cell[] = stored.filter((r) => r.checkId === check.id).map((r) => {
        const prev = check.measure === 'rows' ? (previous.get(cellKey(check.id, r.community, r.segment)) ?? null) : null;
        const parts = Object.fromEntries((check.parts ?? []).map((p) => [p, Number(r.parts[p] ?? 0)]));
        return { community: r.community, segment: r.segment, total: r.total, bad: r.bad, value: r.value, previous: prev, change: prev === null ? null : r.total - prev, parts, status: r.status };
      });
      results.push(summarize(check, cells, earlier.filter((t) => t.checkId === check.id), latest.runAt));
    }
  }
  if (runs.length === 0) return null;
  const newest = runs.reduce((a, b) => (b.runAt > a.runAt ? b : a));
  return { runId: newest.runId, runAt: newest.runAt, scope: options.scope, subgraphs: runs.map((r) => r.subgraph), results, recorded: true, source: 'recorded', runs };
}
