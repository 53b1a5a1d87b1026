/**
 * `npm run bench:bridge -- [--events N] [--scale S] [--pages P] [--reseed]`
 *
 * The BI bridge's speed on PostgreSQL, in one run:
 *
 * 1. its own database (BENCH_DATABASE_URL, else DATABASE_URL's server with the database
 *    `address_graph_bench_bridge`, created when missing): schemas migrated, the registry seeded
 *    at `--scale` (bench/database.ts), then `--events` (default 1,000,000) events generated
 *    straight into events.event (bench/bridge-data.ts);
 * 2. the system (`bench/serve.ts hive`: gateway, bridge and the five subgraphs, no rate limit,
 *    NODE_ENV=production) in a child process, so its memory is read from /proc/<pid>/status; the
 *    gateway calls the subgraphs in process (SUBGRAPH_TRANSPORT=in-process) and they execute with
 *    graphql-jit (SUBGRAPH_EXECUTOR=jit), the defaults; unless --no-variants, the same CSV export
 *    follows on a fresh server with each of them as before (over loopback HTTP; graphql-js), in
 *    development mode, and without the heap budget of `npm run gateway`, so each change's before and after are
 *    measured in the same run (against the default server's first export, as they are first too);
 * 3. over HTTP, as an analyst's tool would: the whole events export as CSV (twice: the first
 *    export after start, then the steady state) and as XLSX
 *    (`/rest/events?format=...&all=true`), measuring rows/s, time to first byte and the server's
 *    peak RSS growth; beside them the floor, `COPY (SELECT <the same columns> ...) TO STDOUT WITH
 *    CSV` through pg-copy-streams; and the paging rate of 1000-row pages following `next` links
 *    (OData `@odata.nextLink` when /odata serves Events, else REST cursor pages).
 *
 * Results: bench/results/bridge-<date>-<commit>.json and .md, and the README table between
 * `<!-- bench-bridge:start -->` and `<!-- bench-bridge:end -->`. Progress on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { devPublicKeyPem, signDevToken } from '../lib/auth/dev-keys.ts';
import { HEAP_BUDGET_FLAG } from '../lib/heap-budget.ts';
import { FUTIAN_DISTRICT } from '../address/divisions.ts';
import { BENCH_EVENT_PREFIX, ensureBenchEvents } from './bridge-data.ts';
import { prepareDataset, type Dataset } from './database.ts';
import { databaseName, redactUrl } from './options.ts';
import { commitLabel, measuredCommit, resultPath } from './report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const USAGE = `usage: npm run bench:bridge -- [--events N (default 1000000)] [--scale S (default 1)] [--pages P (default 50)] [--reseed] [--no-variants]
  --no-variants: skip the CSV exports on servers configured as before (SUBGRAPH_TRANSPORT=http; SUBGRAPH_EXECUTOR=graphql-js)
  database: BENCH_DATABASE_URL, else DATABASE_URL's server with database address_graph_bench_bridge`;

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        events: { type: 'string', default: '1000000' },
        scale: { type: 'string', default: '1' },
        pages: { type: 'string', default: '50' },
        reseed: { type: 'boolean', default: false },
        'no-variants': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const events = Number(values.events);
  const scale = Number(values.scale);
  const pages = Number(values.pages);
  const problems: string[] = [];
  if (!Number.isInteger(events) || events < 1000 || events > 9_999_999) problems.push(`--events must be a whole number from 1000 to 9999999; got ${values.events}`);
  if (!(scale > 0 && scale <= 60)) problems.push(`--scale must be above 0 and at most 60; got ${values.scale}`);
  if (!Number.isInteger(pages) || pages < 1 || pages > 10_000) problems.push(`--pages must be a whole number from 1 to 10000; got ${values.pages}`);
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const u = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
    u.pathname = '/address_graph_bench_bridge';
    url = u.toString();
  }
  if (['postgres', 'template0', 'template1', 'test', ''].includes(databaseName(url))) problems.push(`the bench database must be a dedicated one, not "${databaseName(url)}"`);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) problems.push('the bench database must be on this machine (127.0.0.1)');
  if (problems.length) {
    process.stderr.write(`Invalid options:\n${problems.map((p) => `  ${p}`).join('\n')}\n${USAGE}\n`);
    process.exit(2);
  }
  return { events, scale, pages, reseed: values.reseed!, variants: !values['no-variants'], url };
}

const log = (line: string) => process.stderr.write(`[bench:bridge] ${line}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The columns of the events export, as SQL over events.event, in the export's order. */
const FLOOR_COLUMNS = 'id, kind, source, severity, status, reported_at, resolved_at, description, address_code, updated_at';

// ---------------------------------------------------------------------------------------------
// The server child and its memory

type Server = { child: ChildProcess; pid: number; base: string };

/**
 * A server configuration compared with the default one, on the same CSV export in the same run.
 * Each runs on a fresh server, so it is compared with the default server's first export.
 */
type Variant = { label: string; env: Record<string, string>; nodeFlags?: string[] };
const NO_BUDGET = 'no heap budget';
const VARIANTS: Variant[] = [
  // as `npm start` runs it: graphql-js checks every instanceOf the slow way outside production
  { label: 'NODE_ENV=development', env: { NODE_ENV: 'development' } },
  // as before the heap budget (lib/heap-budget.ts): V8 sizes the old space on its own
  { label: NO_BUDGET, env: {}, nodeFlags: [] },
  // as before the in-process transport: the gateway calls its subgraphs over loopback HTTP
  { label: 'subgraphs over HTTP', env: { SUBGRAPH_TRANSPORT: 'http' } },
  // as before graphql-jit: the subgraphs execute with graphql-js
  { label: 'subgraphs on graphql-js', env: { SUBGRAPH_EXECUTOR: 'graphql-js' } },
];

/**
 * The server runs as a production deployment does: NODE_ENV=production, verifying tokens with a
 * public key file (the development key's, written for the run; production refuses the dev key).
 */
let keyFile: Promise<string> | undefined;
function publicKeyFile(): Promise<string> {
  keyFile ??= (async () => {
    const file = path.join(os.tmpdir(), `address-graph-bench-bridge-${process.pid}.pem`);
    await writeFile(file, await devPublicKeyPem());
    process.once('exit', () => rmSync(file, { force: true }));
    return file;
  })();
  return keyFile;
}

/** `nodeFlags`: the node options of the server process; by default those of `npm run gateway` (the heap budget). */
async function startServer(url: string, variant: Record<string, string> = {}, nodeFlags: string[] = [HEAP_BUDGET_FLAG]): Promise<Server> {
  const production = { NODE_ENV: 'production', JWT_PUBLIC_KEY_FILE: await publicKeyFile() };
  const child = spawn(process.execPath, [...nodeFlags, path.join(here, 'serve.ts'), 'hive', '--database-url', url, '--exit-with-stdin'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { LOG_LEVEL: 'warn', ...process.env, ...production, RATE_LIMIT_PER_MINUTE: '0', SUBGRAPH_TRANSPORT: 'in-process', SUBGRAPH_EXECUTOR: 'jit', ...variant, PGOPTIONS: [process.env.PGOPTIONS, '-c jit=off'].filter(Boolean).join(' ') },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the server did not become ready within 120 s'));
    }, 120_000);
    let ready = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!ready && line.startsWith('{"ready":true')) {
        ready = true;
        clearTimeout(timer);
        const msg = JSON.parse(line) as { url: string; pid: number };
        resolve({ child, pid: msg.pid, base: msg.url.replace(/\/graphql$/, '') });
      } else process.stderr.write(`[server] ${line}\n`);
    });
    child.once('exit', (code, signal) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`the server exited before it was ready (${signal ?? `code ${code}`})`));
      }
    });
  });
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.stdin!.end();
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** kB figures of /proc/<pid>/status (VmRSS, VmHWM). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Linux's USER_HZ (getconf CLK_TCK), the unit of /proc/<pid>/stat times. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
}

/** Resets the process's peak RSS (VmHWM) to its current RSS; false where the kernel refuses. */
function resetPeak(pid: number): boolean {
  try {
    // "5" in clear_refs resets the peak resident set size (Linux >= 4.0)
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples VmRSS every 50 ms while `work` runs; the peak RSS (kB) seen, VmHWM included. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; baselineKb: number; peakKb: number }> {
  const baselineKb = memoryOf(pid).rss;
  const peakReset = resetPeak(pid);
  let peakKb = baselineKb;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, memoryOf(pid).rss);
  }, 50);
  try {
    const result = await work();
    const after = memoryOf(pid);
    peakKb = Math.max(peakKb, after.rss, peakReset ? after.hwm : 0);
    return { result, baselineKb, peakKb };
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

type Export = {
  label: string;
  rows: number;
  /** Rows counted in the body (CSV and the floor: records; XLSX: null, the sheet is not parsed). */
  rowsCounted: number | null;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  ttfbMs: number;
  /** The body ended cleanly (CSV: no #ERROR line; XLSX: the zip's end-of-central-directory record is there). */
  complete: boolean;
  serverCpuSeconds?: number;
  rssBaselineMb?: number;
  rssPeakMb?: number;
  rssGrowthMb?: number;
};

const CRLF = Buffer.from('\r\n');

function countOf(buffer: Buffer, needle: Buffer): number {
  let n = 0;
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** One whole export through the bridge, read to the end as a client would. */
async function exportThroughBridge(server: Server, token: string, format: 'csv' | 'xlsx', expectedRows: number): Promise<Export> {
  const cpuBefore = cpuSecondsOf(server.pid);
  const { result, baselineKb, peakKb } = await withPeakRss(server.pid, async () => {
    const started = performance.now();
    const res = await fetch(`${server.base}/rest/events?format=${format}&all=true`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${format} export answered ${res.status}: ${await res.text()}`);
    const reader = res.body!.getReader();
    let ttfbMs = 0;
    let bytes = 0;
    let records = 0;
    let tail = Buffer.alloc(0);
    let carry = Buffer.alloc(0);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!ttfbMs) ttfbMs = performance.now() - started;
      bytes += value.length;
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (format === 'csv') {
        // a CRLF split over two chunks is counted once, from the joined edge
        const edge = Buffer.concat([carry, chunk.subarray(0, 1)]);
        if (carry.length && countOf(edge, CRLF)) records++;
        records += countOf(chunk, CRLF);
        carry = chunk.subarray(-1);
      }
      tail = chunk.length >= 4096 ? chunk.subarray(-4096) : Buffer.concat([tail, chunk]).subarray(-4096);
    }
    const seconds = (performance.now() - started) / 1000;
    const complete = format === 'csv' ? !tail.toString('utf8').includes('#ERROR') : tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    return { ttfbMs, bytes, seconds, rowsCounted: format === 'csv' ? records - 1 : null, complete };
  });
  return {
    label: `bridge ${format.toUpperCase()}`,
    rows: expectedRows,
    rowsCounted: result.rowsCounted,
    bytes: result.bytes,
    seconds: round(result.seconds, 2),
    rowsPerSecond: Math.round(expectedRows / result.seconds),
    ttfbMs: Math.round(result.ttfbMs),
    complete: result.complete,
    serverCpuSeconds: round(cpuSecondsOf(server.pid) - cpuBefore, 1),
    rssBaselineMb: round(baselineKb / 1024),
    rssPeakMb: round(peakKb / 1024),
    rssGrowthMb: round((peakKb - baselineKb) / 1024),
  };
}

/** Warm-up (not measured): plans, JIT of the hot paths, pools; one 1000-row page per format. */
async function warmUp(server: Server, token: string, formats: readonly ('csv' | 'xlsx')[]): Promise<void> {
  for (const format of formats) {
    const res = await fetch(`${server.base}/rest/events?format=${format}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`warm-up ${format} page answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
}

/** One whole export through the bridge, logged, with a warning when the body's rows are not the database's. */
async function measuredExport(server: Server, token: string, format: 'csv' | 'xlsx', expectedRows: number): Promise<Export> {
  const e = await exportThroughBridge(server, token, format, expectedRows);
  log(`  ${e.rowsPerSecond.toLocaleString('en')} rows/s, first byte ${e.ttfbMs} ms, RSS +${e.rssGrowthMb} MB, complete ${e.complete}${e.rowsCounted !== null ? `, ${e.rowsCounted.toLocaleString('en')} rows counted` : ''}`);
  if (e.rowsCounted !== null && e.rowsCounted !== expectedRows) log(`  WARNING: the body held ${e.rowsCounted} rows, the database ${expectedRows}`);
  return e;
}

/** The floor: the same columns in the same order straight out of PostgreSQL with COPY ... TO STDOUT. */
async function copyFloor(url: string, expectedRows: number): Promise<Export> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const stream = client.query(copyTo(
      `COPY (SELECT ${FLOOR_COLUMNS} FROM events.event WHERE address_code >= '${FUTIAN_DISTRICT.code}' AND address_code < '${nextPrefix(FUTIAN_DISTRICT.code)}' ORDER BY reported_at DESC, id DESC) TO STDOUT WITH (FORMAT csv, HEADER true)`,
    ));
    let ttfbMs = 0;
    let bytes = 0;
    let lines = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!ttfbMs) ttfbMs = performance.now() - started;
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    return { label: 'COPY … TO STDOUT (floor)', rows: expectedRows, rowsCounted: lines - 1, bytes, seconds: round(seconds, 2), rowsPerSecond: Math.round(expectedRows / seconds), ttfbMs: Math.round(ttfbMs), complete: true };
  } finally {
    await client.end();
  }
}

/** The prefix range's end: the code that follows every code starting with `prefix`. */
function nextPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

type Paging = { via: string; pageSize: number; pages: number; rows: number; seconds: number; pagesPerSecond: number; rowsPerSecond: number; latencyMs: { p50: number; p99: number; max: number } };

/** `pages` pages of 1000 rows following the next links: OData when /odata serves Events, else REST. */
async function pagingRate(server: Server, token: string, pages: number): Promise<Paging> {
  const headers = { authorization: `Bearer ${token}` };
  const odata = await fetch(`${server.base}/odata/Events?$top=1`, { headers: { ...headers, accept: 'application/json' } });
  await odata.arrayBuffer();
  const viaOData = odata.status === 200;
  // OData: the client asks for pages of 1000 with odata.maxpagesize (Power Query's $top=1000 preview, then nextLinks)
  let link: string | null = viaOData ? `${server.base}/odata/Events` : `${server.base}/rest/events?limit=1000`;
  const pageHeaders = viaOData ? { ...headers, accept: 'application/json;odata.metadata=minimal', prefer: 'odata.maxpagesize=1000', 'odata-maxversion': '4.0' } : headers;
  const latencies: number[] = [];
  let rows = 0;
  const started = performance.now();
  while (link && latencies.length < pages) {
    const t = performance.now();
    const res: Response = await fetch(link, { headers: pageHeaders });
    if (res.status !== 200) throw new Error(`page ${latencies.length + 1} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { value?: unknown[]; rows?: unknown[]; next?: string | null; '@odata.nextLink'?: string };
    latencies.push(performance.now() - t);
    rows += (viaOData ? body.value : body.rows)?.length ?? 0;
    link = (viaOData ? body['@odata.nextLink'] : body.next) ?? null;
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]);
  return {
    via: viaOData ? 'OData /odata/Events, Prefer: odata.maxpagesize=1000, following @odata.nextLink' : 'REST /rest/events?limit=1000, following next (OData not served on this commit)',
    pageSize: 1000,
    pages: latencies.length,
    rows,
    seconds: round(seconds, 2),
    pagesPerSecond: round(latencies.length / seconds),
    rowsPerSecond: Math.round(rows / seconds),
    latencyMs: { p50: pct(50), p99: pct(99), max: Math.round(latencies.at(-1)!) },
  };
}

// ---------------------------------------------------------------------------------------------
// Report

type Result = {
  date: string;
  commit: string | undefined;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; postgres: string };
  database: string;
  dataset: Dataset & { events: number; benchEvents: number; eventsGeneratedSeconds: number };
  exports: Export[];
  paging: Paging;
  targets: { name: string; target: string; measured: string; met: boolean }[];
};

const FIRST_CSV = 'bridge CSV, first export after start';

/**
 * The targets: speeds from the steady-state exports; memory from the first export, where the heap
 * grows (the later ones start from the grown heap, so their growth would flatter).
 */
function targetsOf(first: Export, csv: Export, xlsx: Export, unbudgeted: Export | undefined): Result['targets'] {
  return [
    { name: 'CSV rows/s', target: '≥ 50,000', measured: `${csv.rowsPerSecond.toLocaleString('en')} (first export after start ${first.rowsPerSecond.toLocaleString('en')})`, met: csv.rowsPerSecond >= 50_000 },
    { name: 'CSV peak RSS growth, first export after start', target: '< 200 MB', measured: `${first.rssGrowthMb} MB`, met: (first.rssGrowthMb ?? Infinity) < 200 },
    ...(unbudgeted
      ? [{
          name: `for comparison, the first export on a server without the heap budget (${HEAP_BUDGET_FLAG})`,
          target: '—',
          measured: `${unbudgeted.rssGrowthMb} MB at ${unbudgeted.rowsPerSecond.toLocaleString('en')} rows/s, against ${first.rssGrowthMb} MB at ${first.rowsPerSecond.toLocaleString('en')} with it`,
          met: true,
        }]
      : []),
    { name: 'XLSX rows/s', target: '≥ 20,000', measured: xlsx.rowsPerSecond.toLocaleString('en'), met: xlsx.rowsPerSecond >= 20_000 },
    { name: 'time to first byte (CSV, XLSX)', target: '< 1 s', measured: `${csv.ttfbMs} ms, ${xlsx.ttfbMs} ms`, met: csv.ttfbMs < 1000 && xlsx.ttfbMs < 1000 },
  ];
}

/** The README table (between the bench-bridge markers). */
function readmeTable(r: Result): string {
  const floor = r.exports.find((e) => e.label.startsWith('COPY'))!;
  const lines = [
    `Latest run (${r.date}, commit ${r.commit?.slice(0, 12) ?? 'unknown'}; ${r.dataset.events.toLocaleString('en')} events under the district; ${r.machine.cpus} cores shared by client, server and PostgreSQL ${r.machine.postgres}):`,
    '',
    '| export | rows/s | ratio to floor | time to first byte | server peak RSS growth | complete |',
    '|---|---|---|---|---|---|',
    ...r.exports.map((e) =>
      `| ${e.label} | ${e.rowsPerSecond.toLocaleString('en')} | ${e === floor ? '1' : `${round(floor.rowsPerSecond / e.rowsPerSecond)}× slower`} | ${e.ttfbMs} ms | ${e.rssGrowthMb === undefined ? '—' : `${e.rssGrowthMb} MB`} | ${e.complete ? 'yes' : 'NO'} |`),
    '',
    `Paging, ${r.paging.pages} pages of ${r.paging.pageSize}: ${r.paging.pagesPerSecond} pages/s (${r.paging.rowsPerSecond.toLocaleString('en')} rows/s), p50 ${r.paging.latencyMs.p50} ms, p99 ${r.paging.latencyMs.p99} ms per page; ${r.paging.via}.`,
    '',
    `Targets: ${r.targets.map((t) => `${t.name} ${t.target}: ${t.measured} ${t.met ? '(met)' : '(**missed**)'}`).join('; ')}.`,
  ];
  return lines.join('\n');
}

function markdown(r: Result): string {
  return [
    `# Bridge benchmark, ${r.date}`,
    '',
    `Commit ${r.commit ?? 'unknown'}. Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, node ${r.machine.node}, PostgreSQL ${r.machine.postgres}. Database ${r.database}.`,
    '',
    `Data: registry at scale ${r.dataset.scale} (${Object.entries(r.dataset.rowCounts).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', ')}), of which ${r.dataset.benchEvents.toLocaleString('en')} bench events generated by bench/bridge-data.ts${r.dataset.eventsGeneratedSeconds ? ` in ${r.dataset.eventsGeneratedSeconds.toFixed(1)} s this run` : ''}; the export is every event under the district: ${r.dataset.events.toLocaleString('en')} rows.`,
    '',
    `The server (gateway, bridge and the five subgraphs: \`bench/serve.ts hive\`, NODE_ENV=production with a public key file as a deployment has, no rate limit, the heap budget of \`npm run gateway\`: ${HEAP_BUDGET_FLAG}) runs in a child process; memory is its /proc/<pid>/status VmRSS sampled every 50 ms and VmHWM (peak reset through clear_refs before each export), growth over the RSS just before the export (the first export after start grows the heap to its working size; later ones start from there). Server CPU is user + system seconds of that process. The client reads each body to the end in the bench process.`,
    '',
    readmeTable(r),
    '',
    '| export | rows | rows counted in body | bytes | seconds | server CPU s |',
    '|---|---|---|---|---|---|',
    ...r.exports.map((e) => `| ${e.label} | ${e.rows.toLocaleString('en')} | ${e.rowsCounted?.toLocaleString('en') ?? '—'} | ${e.bytes.toLocaleString('en')} | ${e.seconds} | ${e.serverCpuSeconds ?? '—'} |`),
    '',
  ].join('\n');
}

async function updateReadme(table: string): Promise<void> {
  const file = path.join(root, 'README.md');
  const text = await readFile(file, 'utf8');
  const start = '<!-- bench-bridge:start -->';
  const end = '<!-- bench-bridge:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b < a) {
    log(`README.md has no ${start} … ${end} block; table not written there`);
    return;
  }
  await writeFile(file, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = options();
  // the tree measured is the one at the start (a commit made while the run goes does not count)
  const commit = measuredCommit();
  log(`database ${redactUrl(opts.url)}`);
  const dataset = await prepareDataset(opts.url, opts.scale, opts.reseed, log);
  const { generatedSeconds } = await ensureBenchEvents(opts.url, opts.events, log);

  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  let events: number;
  let benchEvents: number;
  let rowCounts: Record<string, number>;
  try {
    await client.query('VACUUM (ANALYZE) events.event');
    const { rows } = await client.query<{ n: string; bench: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE id LIKE $3) AS bench FROM events.event WHERE address_code >= $1 AND address_code < $2`,
      [FUTIAN_DISTRICT.code, nextPrefix(FUTIAN_DISTRICT.code), `${BENCH_EVENT_PREFIX}%`],
    );
    events = Number(rows[0].n);
    benchEvents = Number(rows[0].bench);
    rowCounts = { ...dataset.rowCounts, events: (await client.query<{ n: string }>('SELECT count(*) AS n FROM events.event')).rows[0].n as unknown as number };
  } finally {
    await client.end();
  }
  log(`${events.toLocaleString('en')} events under ${FUTIAN_DISTRICT.code}`);

  const token = await signDevToken({ subject: 'bench-bridge', roles: ['admin'] });
  const server = await startServer(opts.url);
  log(`server ready at ${server.base} (pid ${server.pid})`);
  const exports: Export[] = [];
  let paging: Paging;
  try {
    await warmUp(server, token, ['csv', 'xlsx']);
    log('floor: COPY … TO STDOUT');
    exports.push(await copyFloor(opts.url, events));
    log(`  ${exports.at(-1)!.rowsPerSecond.toLocaleString('en')} rows/s`);
    // the first whole export after start pays for the heap growing to its working size and for
    // optimizing the hot paths; the second is the steady state of a server that has been serving
    log(`bridge CSV export of ${events.toLocaleString('en')} rows, the first after start`);
    exports.push({ ...(await measuredExport(server, token, 'csv', events)), label: FIRST_CSV });
    for (const format of ['csv', 'xlsx'] as const) {
      log(`bridge ${format.toUpperCase()} export of ${events.toLocaleString('en')} rows`);
      exports.push(await measuredExport(server, token, format, events));
    }
    log(`paging: ${opts.pages} pages of 1000`);
    paging = await pagingRate(server, token, opts.pages);
    log(`  ${paging.pagesPerSecond} pages/s via ${paging.via}`);
  } finally {
    await stopServer(server);
  }
  for (const variant of opts.variants ? VARIANTS : []) {
    // the same CSV export on a server configured as before a change: its before/after in one run
    const other = await startServer(opts.url, variant.env, variant.nodeFlags);
    try {
      await warmUp(other, token, ['csv']);
      log(`bridge CSV export, ${variant.label} (${[...Object.entries(variant.env).map(([k, v]) => `${k}=${v}`), `node flags: ${(variant.nodeFlags ?? [HEAP_BUDGET_FLAG]).join(' ') || 'none'}`].join(' ')})`);
      exports.push({ ...(await measuredExport(other, token, 'csv', events)), label: `bridge CSV, ${variant.label}, first after start` });
    } finally {
      await stopServer(other);
    }
  }

  const date = new Date().toISOString().slice(0, 10);
  const result: Result = {
    date,
    commit,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: dataset.postgresVersion },
    database: redactUrl(opts.url),
    dataset: { ...dataset, rowCounts, events, benchEvents, eventsGeneratedSeconds: generatedSeconds },
    exports,
    paging,
    targets: targetsOf(
      exports.find((e) => e.label === FIRST_CSV)!,
      exports.find((e) => e.label === 'bridge CSV')!,
      exports.find((e) => e.label === 'bridge XLSX')!,
      exports.find((e) => e.label.includes(NO_BUDGET)),
    ),
  };
  const base = resultPath(['bridge', date, commitLabel(commit)]);
  await writeFile(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(`${base}.md`, markdown(result));
  await updateReadme(readmeTable(result));
  process.stdout.write(`${markdown(result)}\nwritten: ${path.relative(root, base)}.json, .md; README.md table\n`);
}

main().catch((error: Error) => {
  log(`failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
