/**
 * The benchmark's result document and its markdown rendering.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from './database.ts';
import type { VariantName, Workload } from './options.ts';
import type { BenchQuery, QueryId } from './queries.ts';

export type Measurement = {
  query: QueryId;
  workload: Workload;
  variant: VariantName;
  /** Mean of autocannon's per-second samples. */
  requestsPerSecond: number;
  /** Responses received during the measured run. */
  requests: number;
  /** Requests sent (received + those in flight when the run stopped). */
  sent: number;
  seconds: number;
  latencyMs: { p50: number; p99: number; average: number; max: number };
  /** SQL statements the variant's process sent per request during the measured run. */
  statementsPerRequest: number;
  bytesPerResponse: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses that were not `{"data": ...}` without errors. */
  badBodies: number;
};

export type Check = {
  query: QueryId;
  workload: Workload;
  /** How many addresses every variant answered before timing. */
  addresses: number;
  /** Numbers every variant agreed on, summed over the addresses. */
  keyFacts: Record<string, number>;
  /** hive and apollo returned deep-equal data for every address (null: not both run). */
  gatewaysEqual: boolean | null;
  /** For how many addresses the floor's whole answer equals the gateways' (null: not compared). */
  floorIdentical: number | null;
  floorFirstDifference?: string;
};

/** git HEAD of the measured tree, "+changes" when tracked files differ from it; undefined outside git. */
export function measuredCommit(): string | undefined {
  try {
    const cwd = path.dirname(fileURLToPath(import.meta.url));
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+changes` : head;
  } catch {
    return undefined;
  }
}

export type BenchResult = {
  date: string;
  /** The commit measured (git HEAD, with "+changes" when the work tree differed), when known. */
  commit?: string;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string; postgres: string };
  settings: {
    scale: number;
    durationSeconds: number;
    warmupSeconds: number;
    connections: number;
    spreadAddresses: number;
    /** PostgreSQL JIT in every server's sessions. */
    jit: 'on' | 'off';
    subgraphPoolMax: number;
    floorPoolMax: number;
    database: string;
  };
  dataset: Omit<Dataset, 'postgresVersion'>;
  queries: { id: QueryId; title: string; level: BenchQuery['level']; showcase: string }[];
  /** The addresses the spread workload rotated over, per query. */
  spreadCodes: Partial<Record<QueryId, string[]>>;
  checks: Check[];
  measurements: Measurement[];
};

const VARIANT_LABEL: Record<VariantName, string> = {
  hive: 'Hive Gateway + Rust planner',
  'hive-audit-after': 'Hive, audit after the answer (before)',
  apollo: '@apollo/gateway',
  sql: 'hand-written SQL (floor)',
};

const WORKLOAD_TITLE: Record<Workload, string> = {
  showcase: 'Showcase: every request asks about the same showcase address',
  spread: 'Spread: requests rotate over a sample of addresses',
};

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';

/** One side-by-side table: a row per query and variant. */
function table(result: BenchResult, workload: Workload): string {
  const lines = [
    '| query | variant | req/s | p50 ms | p99 ms | SQL stmts/req | KB/resp | req/s vs floor | failed |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const q of result.queries) {
    const rows = result.measurements.filter((m) => m.query === q.id && m.workload === workload);
    const floor = rows.find((m) => m.variant === 'sql');
    for (const m of rows) {
      const failed = m.errors + m.non2xx + m.badBodies;
      lines.push(
        `| ${q.id} | ${VARIANT_LABEL[m.variant]} | ${fmt(m.requestsPerSecond)} | ${fmt(m.latencyMs.p50)} | ${fmt(m.latencyMs.p99)} | ` +
          `${fmt(m.statementsPerRequest, 1)} | ${fmt(m.bytesPerResponse / 1024, 1)} | ` +
          `${floor ? `${fmt((100 * m.requestsPerSecond) / floor.requestsPerSecond)} %` : '–'} | ${failed} |`,
      );
    }
  }
  return lines.join('\n');
}

function workloadsOf(result: BenchResult): Workload[] {
  return (['showcase', 'spread'] as const).filter((w) => result.measurements.some((m) => m.workload === w));
}

/** Every workload's table under its title (what the benchmark prints on stdout). */
export function resultTables(result: BenchResult): string {
  return workloadsOf(result)
    .map((w) => {
      const n = w === 'spread' ? ` (${result.settings.spreadAddresses} per query)` : '';
      return `${WORKLOAD_TITLE[w]}${n}, scale ${result.settings.scale}, ${result.settings.connections} connections, ${result.settings.durationSeconds} s\n\n${table(result, w)}\n`;
    })
    .join('\n');
}

/** The whole markdown report: tables, questions and checks, machine and data facts. */
export function markdownReport(result: BenchResult): string {
  const { machine, settings, dataset } = result;
  const out: string[] = [];
  out.push(`# Address Graph benchmark, ${result.date}`, '');
  if (result.commit) out.push(`Commit measured: ${result.commit}.`, '');
  out.push(
    `Scale ${settings.scale}; each row is ${settings.durationSeconds} s measured after ${settings.warmupSeconds} s of warm-up, ` +
      `${settings.connections} connections, autocannon in a separate process from each server; ` +
      `${machine.cpus} CPUs shared by the load generator, the server and PostgreSQL.`,
    '',
  );
  for (const w of workloadsOf(result)) {
    const n = w === 'spread' ? ` (${settings.spreadAddresses} addresses per query; see the JSON file for the list)` : '';
    out.push(`## ${WORKLOAD_TITLE[w]}${n}`, '', table(result, w), '');
  }
  out.push(
    '- **req/s**: mean of autocannon\'s per-second samples. **p50/p99**: autocannon latency in whole milliseconds.',
    '- **SQL stmts/req**: increase of the server process\'s `db_queries_total` (all five subgraphs summed; the floor counts its own) ' +
      'over the measured run, after the requests still in flight have been served, divided by the requests sent.',
    '- **failed**: socket errors + non-2xx + responses that were not `{"data": …}` without `errors`.',
    '- Hive Gateway\'s HTTP executor shares one subgraph request among identical subgraph requests in flight at the same moment ' +
      '(`deduplicateInflightRequests`, on by default); in the showcase workload all requests are identical, so hive sends far fewer ' +
      'statements per request there. The spread workload shows the cost without that sharing.',
    '- The floor runs each question as one named prepared statement; parsing and planning the large statements anew each time would cost it several ms per request.',
    `- PostgreSQL JIT was ${settings.jit} for every variant's sessions (\`--jit on|off\`; see bench/README.md).`,
    '- Timing runs one server process at a time (hive, then apollo, then the floor). hive and apollo each run the gateway and all five subgraphs in that one Node.js process, i.e. on one event loop, as `npm start` does.',
    '',
  );
  out.push('## Queries and answer checks', '');
  for (const q of result.queries) {
    out.push(`- **${q.id}** ${q.title}; showcase \`${q.showcase}\``);
    for (const check of result.checks.filter((c) => c.query === q.id)) {
      const gw = check.gatewaysEqual === null ? 'not compared' : check.gatewaysEqual ? 'identical' : 'DIFFERENT';
      const floor =
        check.floorIdentical === null ? 'not compared'
        : check.floorIdentical === check.addresses ? 'whole answer identical'
        : `key numbers equal; whole answer identical for ${check.floorIdentical} of ${check.addresses} (first difference: ${check.floorFirstDifference})`;
      out.push(
        `  - ${check.workload}, ${check.addresses} address(es): ${Object.entries(check.keyFacts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
        `    - hive vs apollo: ${gw}; floor: ${floor}`,
      );
    }
  }
  out.push('', 'The GraphQL operations are in `bench/queries.ts`; the floor statements in `bench/sql-baseline.ts`.', '');
  out.push('## Machine', '');
  out.push(
    '| | |',
    '|---|---|',
    `| CPU | ${machine.cpus} × ${machine.cpuModel} |`,
    `| memory | ${machine.memoryGiB} GiB |`,
    `| OS | ${machine.os} |`,
    `| Node.js | ${machine.node} |`,
    `| PostgreSQL | ${machine.postgres} (same machine) |`,
    `| pools | ${settings.subgraphPoolMax} connections per subgraph; floor ${settings.floorPoolMax} |`,
    `| PostgreSQL JIT | ${settings.jit} in every server's sessions (\`--jit\`) |`,
    `| database | ${settings.database} |`,
    '',
  );
  out.push('## Data', '');
  out.push(`Scale ${dataset.scale}, loaded ${dataset.seededAt} in ${fmt(dataset.seedSeconds, 1)} s${dataset.reseededNow ? ' (by this run)' : ''}.`, '');
  out.push('| rows | count |', '|---|--:|');
  for (const [name, n] of Object.entries(dataset.rowCounts)) out.push(`| ${name} | ${fmt(n)} |`);
  out.push('', `Run ${result.startedAt} – ${result.finishedAt}.`, '');
  return out.join('\n');
}
