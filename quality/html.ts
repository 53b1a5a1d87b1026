/**
 * The HTML quality report (GET /quality, `npm run quality -- --html FILE`): one self-contained page,
 * no script, charts as inline SVG drawn here on the server (no charting library is a dependency).
 * Each check's line is coloured by its status (red: fail, amber: warn); each has a sparkline of its
 * trend over the recorded runs and a bar per community. Built from the suppressed report only.
 */
import { formatValue, type QualityReport, type ReportCheck } from './report.ts';
import type { Status } from './run.ts';

const escape = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const COLOUR: Record<Status, string> = { pass: '#2e7d32', warn: '#ef8f00', fail: '#c62828', error: '#6a1b9a' };

/** The trend of a check as a sparkline: one point per run, the current one ringed. */
function sparkline(check: ReportCheck): string {
  const points = check.trend.filter((t) => t.value !== null);
  const w = 120, h = 28, pad = 3;
  if (points.length === 0) return `<svg class="spark" width="${w}" height="${h}" role="img" aria-label="no trend"></svg>`;
  const values = points.map((p) => p.value!);
  const max = Math.max(...values, check.measure === 'share' ? check.thresholds.fail : 0);
  const min = Math.min(...values, 0);
  const x = (i: number) => (points.length === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (points.length - 1));
  const y = (v: number) => (max === min ? h / 2 : h - pad - ((v - min) * (h - 2 * pad)) / (max - min));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value!).toFixed(1)}`).join(' ');
  const dots = points.map((p, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value!).toFixed(1)}" r="${p.current ? 3 : 2}" fill="${COLOUR[p.status]}"${p.current ? ' stroke="#000"' : ''}><title>${escape(p.runAt)}: ${escape(formatValue(check.measure, p.value))}</title></circle>`).join('');
  return `<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="trend over ${points.length} runs"><path d="${path}" fill="none" stroke="#888" stroke-width="1"/>${dots}</svg>`;
}

/** One bar per community line, its height the value, its colour the status. */
function bars(check: ReportCheck): string {
  const lines = check.communities.filter((l) => l.value !== null);
  const w = Math.max(40, Math.min(400, lines.length * 6)), h = 28;
  if (lines.length === 0) return '';
  const max = Math.max(...lines.map((l) => l.value!), check.measure === 'share' ? Math.max(check.thresholds.fail, 0.0001) : 0.0001);
  const bw = w / lines.length;
  const rects = lines.map((l, i) => {
    const bh = Math.max(1, (l.value! / max) * (h - 2));
    return `<rect x="${(i * bw).toFixed(1)}" y="${(h - bh).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="${COLOUR[l.status]}"><title>${escape(l.community || '(none)')}${l.segment ? ` ${escape(l.segment)}` : ''}: ${escape(formatValue(check.measure, l.value))}</title></rect>`;
  }).join('');
  return `<svg class="bars" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="value per community">${rects}</svg>`;
}

function row(check: ReportCheck): string {
  const o = check.overall;
  const counts = check.measure === 'share' ? `${escape(o.bad)} of ${escape(o.total)}` : escape(o.total);
  const change = check.measure === 'rows' && o.change !== null ? ` <small>(${o.change >= 0 ? '+' : ''}${escape(o.change)} since last run)</small>` : '';
  const communities = check.communities.map((l) => `<tr class="${l.status}"><td>${escape(l.community || '(none)')}</td><td>${escape(l.segment)}</td><td>${escape(l.bad ?? '')}</td><td>${escape(l.total)}</td><td>${escape(formatValue(check.measure, l.value))}</td><td>${Object.entries(l.parts).map(([k, v]) => `${escape(k)} ${escape(v)}`).join(', ')}</td><td>${l.status}</td></tr>`).join('');
  return `<tr class="check ${check.status}" data-check="${escape(check.id)}" data-status="${check.status}">
<td class="status">${check.status.toUpperCase()}</td><td><code>${escape(check.id)}</code><br><small>${escape(check.description)}</small></td><td>${escape(check.dimension)}</td>
<td>${counts}${change}</td><td>${escape(formatValue(check.measure, o.value))}</td><td><small>warn &gt; ${escape(check.measure === 'share' ? formatValue('share', check.thresholds.warn) : check.measure === 'rows' ? `±${check.thresholds.warn * 100} %` : `${check.thresholds.warn} d`)}<br>fail &gt; ${escape(check.measure === 'share' ? formatValue('share', check.thresholds.fail) : check.measure === 'rows' ? `±${check.thresholds.fail * 100} %` : `${check.thresholds.fail} d`)}</small></td>
<td>${sparkline(check)}</td><td>${bars(check)}${check.communities.length ? `<details><summary>${check.communities.length} line(s)${check.failingCommunities ? `, ${check.failingCommunities} red` : ''}</summary><table class="cells"><tr><th>community</th><th>segment</th><th>bad</th><th>total</th><th>value</th><th>parts</th><th>status</th></tr>${communities}</table></details>` : ''}</td></tr>`;
}

/** When the figures were computed, by whom and how: one line per distinct recorded run. */
function origin(report: QualityReport): string {
  if (report.source !== 'recorded') return '';
  const byRun = new Map<string, { runAt: string; recordedBy: string | null; command: string | null; subgraphs: string[] }>();
  for (const r of report.runs) {
    const entry = byRun.get(r.runId) ?? { runAt: r.runAt, recordedBy: r.recordedBy, command: r.command, subgraphs: [] };
    entry.subgraphs.push(r.subgraph);
    byRun.set(r.runId, entry);
  }
  const lines = [...byRun.values()].map((r) => `<li class="origin">Computed at <time datetime="${escape(r.runAt)}">${escape(r.runAt)}</time> by <b class="recorded-by">${escape(r.recordedBy ?? 'unknown (recorded before runs named their runner)')}</b>${r.command ? ` with <code>${escape(r.command)}</code>` : ''} (${r.subgraphs.map(escape).join(', ')})</li>`);
  return `<p>These are the figures of the last recorded run, not computed for this page: run <code>npm run quality</code> (or schedule it) to refresh them.</p><ul>${lines.join('')}</ul>`;
}

/** The page shown when no run is recorded yet. */
export function noRunHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Address Graph data quality</title></head><body style="font:14px system-ui,sans-serif;margin:1.5em">
<h1>Data quality</h1>
<p class="no-run">No quality run is recorded yet. The page shows the last recorded run, so a steward runs <code>npm run quality</code> (by hand or on a schedule) first; the page then shows its figures.</p>
</body></html>
`;
}

/** The whole page. */
export function qualityHtml(report: QualityReport): string {
  const s = report.summary;
  const sections = report.scope.subgraphs.map((subgraph) => `<h2>${escape(subgraph)}</h2>
<table class="checks"><tr><th>status</th><th>check</th><th>dimension</th><th>rows</th><th>value</th><th>thresholds</th><th>trend</th><th>per community</th></tr>
${report.checks.filter((c) => c.subgraph === subgraph).map(row).join('\n')}
</table>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Address Graph data quality</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin-bottom:1em}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
tr.check.fail{background:#ffebee}tr.check.fail td.status{color:#c62828;font-weight:bold}
tr.check.warn{background:#fff8e1}tr.check.warn td.status{color:#ef8f00;font-weight:bold}
tr.check.error{background:#f3e5f5}tr.check.pass td.status{color:#2e7d32}
table.cells tr.fail td{color:#c62828}table.cells tr.warn td{color:#b26a00}
</style></head><body>
<h1>Data quality</h1>
${origin(report)}
<p>Run <code>${escape(report.runId)}</code> at ${escape(report.runAt)}${report.recorded ? ' (recorded)' : ''}; scope ${escape(report.scope.prefix ?? 'whole district')}${report.scope.communities ? ` within ${report.scope.communities.map(escape).join(', ')}` : ''}.
${report.checks.length} checks: <b style="color:${COLOUR.pass}">${s.pass} pass</b>, <b style="color:${COLOUR.warn}">${s.warn} warn</b>, <b style="color:${COLOUR.fail}">${s.fail} fail</b>, ${s.error} error.
Counts only; counts below ${report.minCell} are shown as &lt;${report.minCell} and the figures they would reveal are withheld (—).</p>
${sections}
</body></html>
`;
}
