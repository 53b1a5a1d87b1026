/**
 * The public shape of a quality run, the one every output is made from (JSON, CSV, text, HTML):
 * counts only, with small cells suppressed here and nowhere else. A count from 1 to minCell - 1
 * is shown as "<minCell"; a share, age or change that such a count would reveal is withheld
 * (null, `suppressed: true`). Statuses are computed on the true figures and always shown.
 */
import { stringify } from 'csv-stringify/sync';
import type { QualityRun, Status } from './run.ts';

export type Count = number | string;

export type ReportLine = {
  community: string;
  segment: string;
  total: Count;
  bad: Count | null;
  value: number | null;
  previous: Count | null;
  change: number | null;
  parts: Record<string, Count>;
  status: Status;
  suppressed: boolean;
};

export type ReportCheck = {
  id: string;
  subgraph: string;
  dimension: string;
  description: string;
  measure: string;
  thresholds: { warn: number; fail: number };
  status: Status;
  error?: string;
  failingCommunities: number;
  overall: Omit<ReportLine, 'community' | 'segment'>;
  communities: ReportLine[];
  trend: { runAt: string; value: number | null; status: Status; current: boolean }[];
};

export type QualityReport = {
  runId: string;
  runAt: string;
  recorded: boolean;
  /** 'recorded': read back from the history (GET /quality); 'computed': computed for this output. */
  source: 'computed' | 'recorded';
  /** The recorded run of each subgraph: when, by whom (`--as`, or the OS user) and how (the command line). */
  runs: { subgraph: string; runId: string; runAt: string; recordedBy: string | null; command: string | null }[];
  scope: { prefix: string | null; communities: string[] | null; subgraphs: string[] };
  minCell: number;
  summary: Record<Status, number>;
  checks: ReportCheck[];
};

const round = (v: number | null, digits = 4) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** A count as shown: 0 and counts of at least minCell as they are, others as "<minCell". */
export function suppress(n: number, minCell: number): Count;
export function suppress(n: number | null, minCell: number): Count | null;
export function suppress(n: number | null, minCell: number): Count | null {
  if (n === null) return null;
  return n === 0 || n >= minCell ? n : `<${minCell}`;
}
const small = (n: number | null, minCell: number) => n !== null && n > 0 && n < minCell;

type Figures = { total: number; bad: number | null; value: number | null; previous: number | null; change: number | null; parts: Record<string, number>; status: Status };

function line(measure: string, f: Figures, minCell: number): Omit<ReportLine, 'community' | 'segment'> {
  const hidden = small(f.total, minCell) || small(f.bad, minCell) || (measure === 'rows' && small(f.previous, minCell));
  return {
    total: suppress(f.total, minCell),
    bad: suppress(f.bad, minCell),
    value: hidden ? null : round(f.value),
    previous: suppress(f.previous, minCell),
    change: hidden ? null : f.change,
    parts: Object.fromEntries(Object.entries(f.parts).map(([k, v]) => [k, suppress(v, minCell)])),
    status: f.status,
    suppressed: hidden,
  };
}

/** The report of a run, small cells suppressed. */
export function qualityReport(run: QualityRun, minCell: number): QualityReport {
  const summary: Record<Status, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  for (const r of run.results) summary[r.status]++;
  return {
    runId: run.runId,
    runAt: run.runAt.toISOString(),
    recorded: run.recorded,
    source: run.source,
    runs: run.runs.map((r) => ({ subgraph: r.subgraph, runId: r.runId, runAt: r.runAt.toISOString(), recordedBy: r.recordedBy, command: r.command })),
    scope: { prefix: run.scope.prefix, communities: run.scope.communities ? [...run.scope.communities] : null, subgraphs: [...run.subgraphs] },
    minCell,
    summary,
    checks: run.results.map((r) => ({
      id: r.check.id,
      subgraph: r.check.subgraph,
      dimension: r.check.dimension,
      description: r.check.description,
      measure: r.check.measure,
      thresholds: { warn: r.check.warn, fail: r.check.fail },
      status: r.status,
      ...(r.error ? { error: 'the check could not be computed (see the server log)' } : {}),
      failingCommunities: r.failingCells,
      overall: line(r.check.measure, r, minCell),
      communities: r.cells.map((c) => ({ community: c.community, segment: c.segment, ...line(r.check.measure, c, minCell) })),
      trend: r.trend.map((t) => ({
        runAt: t.runAt.toISOString(),
        value: small(t.total, minCell) || small(t.bad, minCell) ? null : round(t.value),
        status: t.status,
        current: t.current,
      })),
    })),
  };
}

export const CSV_COLUMNS = ['run_at', 'check_id', 'subgraph', 'dimension', 'measure', 'community', 'segment', 'total', 'bad', 'value', 'previous', 'change', 'status', 'warn', 'fail', 'room', 'building', 'coarse'] as const;

/** One CSV line per check and community (community "*" is the check over the whole scope). */
export function qualityCsv(report: QualityReport): string {
  const rows: unknown[][] = [];
  for (const c of report.checks) {
    for (const l of [{ community: '*', segment: '', ...c.overall }, ...c.communities]) {
      rows.push([report.runAt, c.id, c.subgraph, c.dimension, c.measure, l.community, l.segment, l.total, l.bad, l.value, l.previous, l.change, l.status, c.thresholds.warn, c.thresholds.fail,
        l.parts.room ?? '', l.parts.building ?? '', l.parts.coarse ?? '']);
    }
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], cast: { number: (n) => String(n) } });
}

/** A figure for people: shares as percentages, ages in days, rows as counts. */
export function formatValue(measure: string, value: number | null): string {
  if (value === null) return '—';
  if (measure === 'share') return `${(value * 100).toFixed(value > 0 && value < 0.001 ? 3 : 1)} %`;
  if (measure === 'age_days') return `${value.toFixed(1)} d`;
  return String(value);
}

/** The readable text of `npm run quality`: one line per check, worst first within each subgraph. */
export function qualityText(report: QualityReport, options: { communities?: boolean } = {}): string {
  const out: string[] = [];
  const mark: Record<Status, string> = { pass: 'ok  ', warn: 'WARN', fail: 'FAIL', error: 'ERR ' };
  out.push(`quality run ${report.runId} at ${report.runAt}${report.recorded ? ' (recorded)' : ' (not recorded)'}; small cells < ${report.minCell} suppressed`);
  for (const subgraph of report.scope.subgraphs) {
    out.push('', subgraph);
    for (const c of report.checks.filter((x) => x.subgraph === subgraph)) {
      const o = c.overall;
      const change = c.measure === 'rows' && o.change !== null ? ` (${o.change >= 0 ? '+' : ''}${o.change} since last run)` : '';
      const bad = c.measure === 'share' ? `  ${String(o.bad).padStart(6)} of ${String(o.total).padStart(7)}` : `  ${''.padStart(6)}    ${String(o.total).padStart(7)}`;
      const failing = c.failingCommunities ? `  ${c.failingCommunities} communit${c.failingCommunities === 1 ? 'y' : 'ies'} red` : '';
      out.push(`  ${mark[c.status]}  ${c.id.padEnd(44)}${bad}  ${formatValue(c.measure, o.value).padStart(8)}${change}${failing}`);
      if (options.communities) {
        for (const l of c.communities) {
          const counts = c.measure === 'share' ? `${String(l.bad).padStart(6)} of ${String(l.total).padStart(7)}` : `${''.padStart(6)}    ${String(l.total).padStart(7)}`;
          out.push(`          ${(l.community || '(none)').padEnd(13)}${l.segment ? ` ${l.segment}` : ''}`.padEnd(52) + `${counts}  ${formatValue(c.measure, l.value).padStart(8)}  ${l.status}`);
        }
      }
    }
  }
  const s = report.summary;
  out.push('', `${report.checks.length} checks: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.error} error`);
  return `${out.join('\n')}\n`;
}
