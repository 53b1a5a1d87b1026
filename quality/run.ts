/**
 * Runs the data-quality checks (quality/checks.ts): each subgraph's statements on its own
 * database, the thresholds applied per community line and per check, volume compared with the
 * previous recorded run, and the run stored in each schema's history when asked. The figures here
 * are unsuppressed; quality/report.ts suppresses small cells for every output.
 */
import { randomUUID } from 'node:crypto';
import { SUBGRAPHS, type SubgraphName } from '../lib/config.ts';
import { query, type Database } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { CHECKS, type CheckDefinition } from './checks.ts';
import { cellKey, previousTotals, recordResults, trend, type RunOrigin, type StoredResult, type TrendRow } from './history.ts';
import { statementContext, type QualityScope, type StatementRow } from './statement.ts';
import { BUILDINGS_STATEMENTS } from './statements/buildings.ts';

export type Status = 'pass' | 'warn' | 'fail' | 'error';
const RANK: Record<Status, number> = { pass: 0, warn: 1, fail: 2, error: 3 };
export const worst = (statuses: Iterable<Status>): Status => [...statuses].reduce<Status>((a, b) => (RANK[b] > RANK[a] ? b : a), 'pass');

/** One community (and segment) line of a check. */
export type Cell = {
  community: string;
  segment: string;
  total: number;
  bad: number | null;
  /** share (bad / total), age in days, or rows, by the check's measure. */
  value: number | null;
  /** rows: the total of the previous recorded run, and the change since (null on a first run). */
  previous: number | null;
  change: number | null;
  parts: Record<string, number>;
  status: Status;
};

/** A check over the whole scope, with its lines and trend. */
export type CheckResult = {
  check: CheckDefinition;
  status: Status;
  total: number;
  bad: number | null;
  value: number | null;
  previous: number | null;
  change: number | null;
  parts: Record<string, number>;
  cells: Cell[];
  /** Community lines that are red. */
  failingCells: number;
  /** The statement's failure (then status 'error'). */
  error?: string;
  /** Earlier recorded runs, oldest first, then this one. */
  trend: { runAt: Date; total: number; bad: number | null; value: number | null; status: Status; current: boolean }[];
};

export type QualityRun = {
  runId: string;
  runAt: Date;
  scope: QualityScope;
  subgraphs: readonly SubgraphName[];
  results: CheckResult[];
  /** Whether the run was stored in the history. */
  recorded: boolean;
  /**
   * Where the figures come from: 'computed' now (npm run quality), or 'recorded', read back from the
   * history (GET /quality, quality/recorded.ts).
   */
  source: 'computed' | 'recorded';
  /** The recorded run each subgraph's figures are from, with who ran it and how (empty when not recorded). */
  runs: { subgraph: SubgraphName; runId: string; runAt: Date; recordedBy: string | null; command: string | null }[];
};

export type RunOptions = {
  scope: QualityScope;
  /** Only these subgraphs' checks (default: all). */
  subgraphs?: readonly SubgraphName[];
  /** Store the run in each schema's history (default false). */
  record?: boolean;
  /** Earlier runs the trend shows (default 12). */
  trendRuns?: number;
  /** Who runs it and how, stored with a recorded run. */
  origin?: RunOrigin;
};

/** The status of a measured value against a check's thresholds. */
export function statusOf(check: CheckDefinition, value: number | null, previous: number | null, total: number): Status {
  if (check.measure === 'rows') {
    if (previous === null) return 'pass';
    const relative = previous > 0 ? Math.abs(total - previous) / previous : total > 0 ? 1 : 0;
    return relative > check.fail ? 'fail' : relative > check.warn ? 'warn' : 'pass';
  }
  if (value === null) return 'pass';
  return value > check.fail ? 'fail' : value > check.warn ? 'warn' : 'pass';
}

function measured(check: CheckDefinition, total: number, bad: number | null, value: number | null): number | null {
  if (check.measure === 'share') return total > 0 ? (bad ?? 0) / total : 0;
  if (check.measure === 'rows') return total;
  return value;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Runs the checks of the scope and subgraphs on their databases. */
export async function runQuality(databases: Record<SubgraphName, Database>, options: RunOptions): Promise<QualityRun> {
  const runId = randomUUID();
  const runAt = new Date();
  // only subgraphs with checks (the alerts subgraph has none, and no quality history tables)
  const subgraphs = (options.subgraphs ?? SUBGRAPHS).filter((s) => CHECKS.some((c) => c.subgraph === s));
  const scoped = options.scope.prefix !== null || options.scope.communities !== null;
  const known = (await query<{ code: string }>(databases.buildings.knex, BUILDINGS_STATEMENTS.knownCommunities().text)).map((r) => r.code);
  const context = statementContext(options.scope, known);
  const results: CheckResult[] = [];
  // one subgraph after another: on PGlite every schema shares one connection anyway
  for (const subgraph of subgraphs) {
    const database = databases[subgraph];
    const checks = CHECKS.filter((c) => c.subgraph === subgraph && !(scoped && c.runLevel));
    const previous = await previousTotals(database, checks.filter((c) => c.measure === 'rows').map((c) => c.id), options.scope).catch(() => new Map<string, number>());
    const earlier = await trend(database, options.scope, options.trendRuns ?? 12).catch((err) => {
      logger.warn({ err, subgraph, component: 'quality' }, 'quality history unreadable (is the schema migrated?)');
      return [] as TrendRow[];
    });
    for (const check of checks) {
      const fragment = check.statement(context);
      let rows: StatementRow[];
      try {
        rows = await query<StatementRow>(database.knex, fragment.text, fragment.values);
      } catch (err) {
        logger.warn({ err, check: check.id, component: 'quality' }, 'quality check failed');
        results.push({ check, status: 'error', total: 0, bad: null, value: null, previous: null, change: null, parts: {}, cells: [], failingCells: 0, error: (err as Error).message, trend: [] });
        continue;
      }
      const cells: Cell[] = rows.map((r) => {
        const total = Number(r.total);
        const bad = num(r.bad);
        const value = measured(check, total, bad, num(r.value));
        const prev = check.measure === 'rows' ? (previous.get(cellKey(check.id, r.community, r.segment)) ?? null) : null;
        const parts = Object.fromEntries((check.parts ?? []).map((p) => [p, Number(r[p] ?? 0)]));
        return { community: r.community, segment: r.segment, total, bad, value, previous: prev, change: prev === null ? null : total - prev, parts, status: statusOf(check, value, prev, total) };
      });
      results.push(summarize(check, cells, earlier.filter((t) => t.checkId === check.id), runAt));
    }
  }
  const recorded = Boolean(options.record) && !scoped;
  if (recorded) {
    for (const subgraph of subgraphs) {
      const stored: StoredResult[] = results
        .filter((r) => r.check.subgraph === subgraph)
        .flatMap((r) => (r.status === 'error'
          ? [{ checkId: r.check.id, community: '', segment: '', total: 0, bad: null, value: null, status: 'error' as const, parts: {} }]
          : r.cells.map((c) => ({ checkId: r.check.id, community: c.community, segment: c.segment, total: c.total, bad: c.bad, value: c.value, status: c.status, parts: c.parts }))));
      await recordResults(databases[subgraph], runId, runAt, stored, options.origin);
    }
  }
  const origin = options.origin ?? { recordedBy: null, command: null };
  return { runId, runAt, scope: options.scope, subgraphs, results, recorded, source: 'computed', runs: recorded ? subgraphs.map((subgraph) => ({ subgraph, runId, runAt, ...origin })) : [] };
}

/** A check's overall figures and trend from its community lines (also for a recorded run). */
export function summarize(check: CheckDefinition, cells: Cell[], earlier: TrendRow[], runAt: Date): CheckResult {
  const total = cells.reduce((s, c) => s + c.total, 0);
  const bad = check.measure === 'share' ? cells.reduce((s, c) => s + (c.bad ?? 0), 0) : null;
  const ages = cells.map((c) => c.value).filter((v): v is number => v !== null);
  // the newest record anywhere: the source is as fresh as its freshest community
  const value = check.measure === 'age_days' ? (ages.length ? Math.min(...ages) : null) : measured(check, total, bad, null);
  const withPrevious = cells.filter((c) => c.previous !== null);
  const previous = check.measure === 'rows' && withPrevious.length ? withPrevious.reduce((s, c) => s + c.previous!, 0) : null;
  const parts: Record<string, number> = {};
  for (const c of cells) for (const [k, v] of Object.entries(c.parts)) parts[k] = (parts[k] ?? 0) + v;
  const status = statusOf(check, value, previous, total);
  const past = earlier.map((t) => {
    const v = check.measure === 'share' ? (t.total > 0 ? (t.bad ?? 0) / t.total : 0) : check.measure === 'rows' ? t.total : t.minValue;
    return { runAt: t.runAt, total: t.total, bad: check.measure === 'share' ? (t.bad ?? 0) : null, value: v, status: statusOf(check, v, null, t.total), current: false };
  });
  return {
    check, status, total, bad, value, previous, change: previous === null ? null : total - previous, parts, cells,
    failingCells: cells.filter((c) => c.status === 'fail').length,
    trend: [...past, { runAt, total, bad, value, status, current: true }],
  };
}
