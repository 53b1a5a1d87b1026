/**
 * The benchmark's result document and its markdown rendering.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
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
  /** CPU time (user + system) of the variant's server process per request sent, µs: gateway and subgraphs together, not PostgreSQL. */
  cpuMicrosPerRequest?: number;
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

/** The short commit for a file name: 7 hex digits, `-dirty` when the tree differed; `unknown` outside git. */
export function commitLabel(commit: string | undefined): string {
  if (!commit) return 'unknown';
  return `${commit.slice(0, 7)}${commit.endsWith('+changes') ? '-dirty' : ''}`;
}

/** bench/results, beside this file. */
export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

/**
 * The path, without extension, of a run's result files: bench/results/<stem> (or `dir`) where the
 * stem is the parts given joined by '-' (a bench's name, the date, commitLabel…), and -2, -3, … after it
 * when a file of that stem (any extension) is already there. A rerun on the same day and commit
 * never overwrites an earlier run's figures, which a README or a closing note may cite. Creates
 * the directory.
 */
export function resultPath(parts: readonly (string | null | undefined | false)[], dir: string = RESULTS_DIR): string {
  const stem = parts.filter(Boolean).join('-');
  mkdirSync(dir, { recursive: true });
  const taken = new Set(readdirSync(dir).map((f) => f.replace(/\.[^.]+$/, '')));
  let name = stem;
  for (let n = 2; taken.has(name); n++) name = `${stem}-${n}`;
  return path.join(dir, name);
}

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
  machine: {
    cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string; postgres: string;
    /** os.loadavg() (1, 5, 15 min) when the run started and when it ended: the machine is shared. */
    loadAverage?: { start: number[]; end: number[] };
  };
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
  'hive-bare': 'Hive, access control off (bench only)',
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
    '| query | variant | req/s | p50 ms | p99 ms | SQL stmts/req | CPU µs/req | KB/resp | req/s vs floor | failed |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const q of result.queries) {
    const rows = result.measurements.filter((m) => m.query === q.id && m.workload === workload);
    const floor = rows.find((m) => m.variant === 'sql');
    for (const m of rows) {
      const failed = m.errors + m.non2xx + m.badBodies;
      lines.push(
        `| ${q.id} | ${VARIANT_LABEL[m.variant]} | ${fmt(m.requestsPerSecond)} | ${fmt(m.latencyMs.p50)} | ${fmt(m.latencyMs.p99)} | ` +
          `${fmt(m.statementsPerRequest, 1)} | ${fmt(m.cpuMicrosPerRequest ?? Number.NaN)} | ${fmt(m.bytesPerResponse / 1024, 1)} | ` +
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
  out.push(`# Address Graph benchmark, ${result.date}, commit ${commitLabel(result.commit)}`, '');
  out.push(`Commit measured: ${result.commit ?? 'unknown (not a git checkout)'}.`, '');
  if (machine.loadAverage) {
    out.push(
      `Load average (1/5/15 min) at the start ${machine.loadAverage.start.join(' / ')}, at the end ${machine.loadAverage.end.join(' / ')} ` +
        `on ${machine.cpus} CPUs: above ${machine.cpus} the machine was shared and the absolute speeds are not quiet figures; ` +
        'SQL statements and CPU µs per request depend far less on load.',
      '',
    );
  }
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
    '- **CPU µs/req**: increase of the server process\'s `process_cpu_seconds_total` (user + system; gateway and subgraphs, not PostgreSQL) over the same interval, divided by the requests sent.',
    '- **failed**: socket errors + non-2xx + responses that were not `{"data": …}` without `errors`.',
    ...VARIANT_NOTES,
    '- Hive Gateway\'s HTTP executor shares one subgraph request among identical subgraph requests in flight at the same moment ' +
      '(`deduplicateInflightRequests`, on by default); in the showcase workload all requests are identical, so hive sends far fewer ' +
      'statements per request there. The spread workload shows the cost without that sharing.',
    '- The floor runs each question as one named prepared statement; parsing and planning the large statements anew each time would cost it several ms per request.',
    `- PostgreSQL JIT was ${settings.jit} for every variant's sessions (\`--jit on|off\`; see bench/README.md).`,
    '- Timing runs one server process at a time, in the order of `--variants`. Every GraphQL variant runs the gateway and all its subgraphs in that one Node.js process, i.e. on one event loop, as `npm start` does.',
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
        `    - GraphQL variants with each other: ${gw}; floor: ${floor}`,
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
    `| load average | ${machine.loadAverage ? `${machine.loadAverage.start.join(' / ')} at the start, ${machine.loadAverage.end.join(' / ')} at the end` : 'not recorded'} |`,
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

/**
 * What each GraphQL variant does and what still differs between them, printed under every report
 * (keep in step with bench/serve.ts).
 */
export const VARIANT_NOTES: readonly string[] = [
  '- **hive**: `startSystem()` as `npm start` runs it in production mode: token verification (gateway/auth.ts), `@requiresScopes` at the gateway and again in every subgraph, every subgraph request signed (HMAC) with the verified identity, ' +
    'the durable audit committed before the answer, depth/alias/token limits (graphql-armor) and the cost estimate (gateway/limits.ts), the deadline and in-flight bound per subgraph, subgraphs called in process (SUBGRAPH_TRANSPORT), the rate limit off (one identity sends thousands of requests a minute).',
  '- **hive-bare**: the same process with access control switched off by a bench-only option (bench/serve.ts; nothing in configuration reaches it): no token verification, no scope checks at the gateway or in the subgraphs, no signatures, no audit; ' +
    'every subgraph request runs as SYSTEM (every scope, no community confinement; the bench admin sees nothing masked either, so the answers are the same). The limits, the deadline, the planner, in-flight deduplication and the in-process transport stay.',
  '- **apollo**: @apollo/gateway 2 (JavaScript query planner) on @apollo/server, the same subgraphs with the durable audit on. Like hive it verifies the token with the same key and checks (`requestAuthenticator`), signs every subgraph request with the verified claims and the client request (RemoteGraphQLDataSource), ' +
    'refuses depth and aliases over MAX_QUERY_DEPTH / MAX_ALIASES (graphql-armor\'s `maxDepthRule` / `maxAliasesRule`, the packages hive\'s plugins wrap) and a cost over MAX_QUERY_COST (the same `estimateCost`, in a `didResolveOperation` hook), introspection off. ' +
    'Still different: no `@requiresScopes` at the gateway (@apollo/gateway refuses supergraphs that link it; only the subgraphs check scopes), no token-count limit (a parser option Apollo Server does not expose), no in-flight deduplication, no per-subgraph deadline or in-flight bound (the deadline is signed, so the subgraphs still stop at it), ' +
    'no error masking plugin beyond Apollo\'s own, and every subgraph call goes over loopback HTTP with JSON both ways (hive calls the subgraphs of its process directly); the rate limit is off in hive, absent in apollo.',
];

/**
 * Replaces the text between `<!-- <name>:start -->` and `<!-- <name>:end -->`; null when the
 * markers are missing or out of order.
 */
export function replaceBetweenMarkers(text: string, name: string, body: string): string | null {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b < a) return null;
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

const SHORT_TITLE: Record<QueryId, string> = { Q1: 'room 360°', Q2: 'building fan-out', Q3: 'community roll-up' };

/** The README's gateway table: one row per workload and query, one column per variant. */
export function readmeTable(result: BenchResult, reportPath: string): string {
  const { settings, machine } = result;
  const variants = [...new Set(result.measurements.map((m) => m.variant))];
  const load = machine.loadAverage ? `load average ${machine.loadAverage.start[0]} at the start and ${machine.loadAverage.end[0]} at the end on ${machine.cpus} cores` : `${machine.cpus} cores`;
  const out = [
    `Latest run: ${result.date}, commit ${commitLabel(result.commit)}, scale ${settings.scale}, ${settings.connections} connections, ${settings.durationSeconds} s per row, ` +
      `spread over ${settings.spreadAddresses} addresses per query; ${load}, shared by the load generator, the server and PostgreSQL (not a quiet machine unless the load was below the core count). ` +
      `Each cell: req/s, p50 / p99 ms, SQL statements and server CPU µs per request. Full report: \`${reportPath}.md\`.`,
    '',
    `| workload | query | ${variants.map((v) => VARIANT_LABEL[v]).join(' | ')} |`,
    `|---|---|${variants.map(() => '---').join('|')}|`,
  ];
  for (const w of workloadsOf(result)) {
    for (const q of result.queries) {
      const cells = variants.map((v) => {
        const m = result.measurements.find((x) => x.query === q.id && x.workload === w && x.variant === v);
        if (!m) return '–';
        const failed = m.errors + m.non2xx + m.badBodies;
        return `${fmt(m.requestsPerSecond)} req/s, ${fmt(m.latencyMs.p50)} / ${fmt(m.latencyMs.p99)} ms, ${fmt(m.statementsPerRequest, 1)} SQL, ${fmt(m.cpuMicrosPerRequest ?? Number.NaN)} µs${failed ? `, **${failed} failed**` : ''}`;
      });
      out.push(`| ${w} | ${q.id} ${SHORT_TITLE[q.id]} | ${cells.join(' | ')} |`);
    }
  }
  return out.join('\n');
}
