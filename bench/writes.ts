/**
 * `npm run bench:writes`: the write side on PostgreSQL (issue 11).
 *
 *   report-code   eventReport with a standard address code (a sample of rooms)
 *   report-text   eventReport with a free-text address (standardized on the way in)
 *   transition    eventAssign of a fresh REPORTED event (version 1), one event per request
 *   sql-insert    the floor: one INSERT INTO events.event statement per request, no gateway
 *
 * each at --connections (default 16) for --duration seconds, through the gateway of
 * `bench/serve.ts hive` (the system as `npm start` runs it, in its own process), as a demo admin;
 * then the subscription fan-out: --subscribers (1,000) SSE subscribers of eventChanged on one
 * community, a burst of --burst (100) events committed one statement each by another connection;
 * every subscriber must receive every event, and the delay from each commit to its arrival is
 * read at p50/p99/max. Writes bench/results/writes-<date>-<commit>.json and .md.
 *
 * Beside throughput and latency, each run records what does not depend on the machine's load:
 * SQL statements per request and the server's CPU µs per request (from its /metrics), and what
 * the database sessions waited on (pg_stat_activity sampled every 100 ms: Lock:transactionid is a
 * row lock, Lock:object a heavyweight object lock (before the change log: the NOTIFY queue's commit lock), IO:WALSync a commit's flush).
 *
 * With --baseline DIR (a checkout of an older commit) and --baseline-database-url, that commit's
 * `bench/serve.ts hive` runs too, on its own database with its own schema, and every workload runs
 * on both in one run, alternating the order each round (--rounds): before and after, measured
 * under the same load. The floor runs on each database (its triggers are each commit's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Request } from 'autocannon';
import pg from 'pg';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { prepareDataset, sampleCodes } from './database.ts';
import { commitLabel, measuredCommit, resultPath } from './report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stderr.write(`[bench:writes] ${line}\n`);

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    baseline: { type: 'string' },
    'baseline-database-url': { type: 'string' },
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '1' },
    subscribers: { type: 'string', default: '1000' },
    burst: { type: 'string', default: '100' },
    // a comma-separated subset of the workloads (report-code, report-text, transition, sql-insert, fan-out)
    only: { type: 'string' },
    // comma-separated worker counts of the current tree's server (lib/workers.ts): each is a variant
    workers: { type: 'string', default: '1' },
    // a directory: the current tree's server process writes a V8 CPU profile there (node --cpu-prof)
    profile: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
/** The writes bench's own database: seeded at scale 1, so it never reseeds the read bench's (scale 10). */
const DEFAULT_WRITES_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/address_graph_bench_writes';
const USAGE = `usage: npm run bench:writes -- [--database-url URL] [--scale N] [--duration S] [--connections C] [--rounds R]
                              [--baseline DIR --baseline-database-url URL] [--subscribers N] [--burst N] [--only W,...] [--workers N,...] [--profile DIR]
  database: --database-url, else BENCH_DATABASE_URL, else ${DEFAULT_WRITES_DATABASE_URL}
  --baseline DIR: a checkout of another commit (git archive <commit> | tar -x -C DIR; node_modules linked);
    its bench/serve.ts hive serves --baseline-database-url (seeded by DIR's own npm run bench:writes),
    and every workload runs on both, alternating, R rounds
  --only W,...: a subset of report-code, report-text, transition, sql-insert, fan-out
  --workers N,...: the current tree's server as N processes on one port (WORKERS=N npm start); each count is a
    variant of the run (e.g. 1,2); statements and CPU are summed over the workers; the fan-out runs on every variant\n`;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const url = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_WRITES_DATABASE_URL;
const numbers = { scale: Number(values.scale), duration: Number(values.duration), connections: Number(values.connections), rounds: Number(values.rounds), subscribers: Number(values.subscribers), burst: Number(values.burst) };
const bad = Object.entries(numbers).filter(([, v]) => !Number.isFinite(v) || v <= 0).map(([k]) => `--${k}`);
const baselineProblem = (values.baseline === undefined) !== (values['baseline-database-url'] === undefined) ? '--baseline and --baseline-database-url go together\n'
  : values.baseline !== undefined && !existsSync(path.join(values.baseline, 'bench', 'serve.ts')) ? `--baseline ${values.baseline} holds no bench/serve.ts\n`
  : values['baseline-database-url'] === url ? 'the baseline needs a database of its own (its schema is the other commit\'s)\n' : '';
const WORKLOADS = ['report-code', 'report-text', 'transition', 'sql-insert', 'fan-out'] as const;
const only = new Set(values.only === undefined ? WORKLOADS : values.only.split(',').map((w) => w.trim()));
const unknownWorkloads = [...only].filter((w) => !(WORKLOADS as readonly string[]).includes(w));
const badOnly = unknownWorkloads.length ? `--only takes ${WORKLOADS.join(', ')}, not ${unknownWorkloads.join(', ')}\n` : '';
const runs = (w: (typeof WORKLOADS)[number]) => only.has(w);
const workerCounts = (values.workers ?? '1').split(',').map((w) => Number(w.trim()));
const badWorkers = workerCounts.some((w) => !Number.isInteger(w) || w < 1 || w > 16) ? `--workers takes worker counts from 1 to 16, e.g. 1,2, not ${values.workers}\n` : '';
if (bad.length || baselineProblem || badOnly || badWorkers) {
  process.stderr.write(`${bad.length ? `not a positive number: ${bad.join(', ')}\n` : ''}${baselineProblem}${badOnly}${badWorkers}${USAGE}`);
  process.exit(2);
}

type Row = {
  workload: string; variant: string; round: number; requests: number; errors: number; rps: number; p50: number; p99: number;
  /** SQL statements the server sent per request (its db_queries_total, every subgraph and the audit writer). */
  statementsPerRequest: number | null;
  /** CPU µs the server process spent per request (its process_cpu_seconds_total: gateway and subgraphs). */
  cpuUsPerRequest: number | null;
  /** Share of the bench database's active sessions sampled waiting, by wait event (top three). */
  waits: Record<string, number>;
};

/** A system under test: a server over its own database (the current tree's, or a baseline commit's). */
type Variant = { name: string; databaseUrl: string; url: string; metricsUrl: string; child: ChildProcess; pids: number[]; pool: pg.Pool };

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function startServer(tree: string, databaseUrl: string, nodeFlags: string[] = [], workers = 1): Promise<{ child: ChildProcess; url: string; metricsUrl: string; pids: number[] }> {
  // the same node (this process's), the same signing key file (cwd's .data/) for both trees
  const child = spawn(process.execPath, [...nodeFlags, path.join(tree, 'bench', 'serve.ts'), 'hive', '--database-url', databaseUrl, '--pool', String(numbers.connections), '--exit-with-stdin', ...(workers > 1 ? ['--workers', String(workers)] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { LOG_LEVEL: 'warn', ...process.env },
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready":true')) {
        const ready = JSON.parse(line) as { url: string; metricsUrl: string; pids?: number[] };
        resolve({ child, url: ready.url, metricsUrl: ready.metricsUrl, pids: ready.pids ?? [child.pid!] });
      }
    });
    child.once('exit', (code) => reject(new Error(`${tree}/bench/serve.ts exited (${code}) before it was ready`)));
  });
}

/** One GraphQL request and its JSON answer (the sanity check before each timed run). */
async function graphql(endpoint: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return res.json();
}

/** Sum of a Prometheus counter's series in a /metrics text. */
function counter(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

async function serverCounters(v: Variant): Promise<{ statements: number; cpu: number }> {
  const text = await (await fetch(v.metricsUrl)).text();
  return { statements: counter(text, 'db_queries_total'), cpu: counter(text, 'process_cpu_seconds_total') };
}

/** Samples what the variant's database sessions wait on (pg_stat_activity) every 100 ms until stopped. */
function sampleWaits(v: Variant): { stop(): Promise<Record<string, number>> } {
  let stopped = false;
  const seen = new Map<string, number>();
  let samples = 0;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await v.pool.query<{ wait: string; n: number }>(`SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait, count(*)::int AS n
        FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() AND application_name LIKE 'address-graph:%' GROUP BY 1`);
      for (const r of rows) { seen.set(r.wait, (seen.get(r.wait) ?? 0) + r.n); samples += r.n; }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return Object.fromEntries([...seen].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => [k, Number((n / Math.max(1, samples)).toFixed(2))]));
    },
  };
}

async function cannon(name: string, v: Variant, round: number, token: string, body: (i: number) => string): Promise<Row> {
  let i = 0;
  const before = await serverCounters(v);
  const waits = sampleWaits(v);
  const result = await autocannon({
    url: v.url,
    method: 'POST',
    connections: numbers.connections,
    duration: numbers.duration,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req: Request) => ({ ...req, body: body(i++) }) }],
    // an answer with a user error (or none at all) counts as an error, not as a write
    verifyBody: (text: string) => text.includes('"userErrors":[]'),
  });
  const waited = await waits.stop();
  await new Promise((r) => setTimeout(r, 300)); // the last answers' audit flushes
  const after = await serverCounters(v);
  const n = result.requests.total;
  const row: Row = {
    workload: name, variant: v.name, round, requests: n, errors: result.errors + result.non2xx + result.mismatches, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    statementsPerRequest: n ? Number(((after.statements - before.statements) / n).toFixed(2)) : null,
    cpuUsPerRequest: n ? Math.round(((after.cpu - before.cpu) * 1e6) / n) : null,
    waits: waited,
  };
  log(`${name} [${v.name}]: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.errors} errors, ${row.statementsPerRequest} statements/req, ${row.cpuUsPerRequest} CPU µs/req, waits ${JSON.stringify(waited)}`);
  return row;
}

const REPORT = `mutation ($input: EventReportInput!) { eventReport(input: $input) { event { id } userErrors { code message } } }`;
const ASSIGN = `mutation ($input: EventAssignInput!) { eventAssign(input: $input) { event { id } userErrors { code message } } }`;
const FREE_TEXT = '福田区福田街道水围村28栋1203';

/** The floor: one INSERT statement per request (its own commit, the same triggers), on the variant's database and connections. */
async function sqlFloor(v: Variant, round: number, codes: readonly string[], run: string): Promise<Row> {
  const latencies: number[] = [];
  let n = 0;
  const waits = sampleWaits(v);
  const until = Date.now() + numbers.duration * 1000;
  await Promise.all(Array.from({ length: numbers.connections }, async () => {
    while (Date.now() < until) {
      const k = n++;
      const t0 = performance.now();
      await v.pool.query(`INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code) VALUES ($1, 'FIRE_HAZARD', 'GRID_PATROL', 'HIGH', 'REPORTED', now(), 'bench floor', $2)`, [`bench-sql-${run}-${v.name}-${k}`, codes[k % codes.length]]);
      latencies.push(performance.now() - t0);
    }
  }));
  const waited = await waits.stop();
  latencies.sort((a, b) => a - b);
  const row: Row = { workload: 'sql-insert', variant: v.name, round, requests: latencies.length, errors: 0, rps: latencies.length / numbers.duration, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), statementsPerRequest: 1, cpuUsPerRequest: null, waits: waited };
  log(`sql-insert [${v.name}]: ${row.rps.toFixed(0)} statements/s, p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, waits ${JSON.stringify(waited)}`);
  return row;
}

/** One SSE subscriber: records when each event id arrives. */
function sseSubscriber(endpoint: string, token: string, community: string, arrivals: Map<string, number>, signal: AbortSignal): Promise<void> {
  const query = 'subscription ($p: AddressCode!) { eventChanged(addressPrefix: $p) { change event { id } } }';
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { p: community } }),
    signal,
  }).then(async (res) => {
    if (!res.ok || !res.body) throw new Error(`subscription refused: ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('');
        if (!data.trim()) continue;
        const id = (JSON.parse(data) as { data?: { eventChanged?: { event?: { id?: string } } } }).data?.eventChanged?.event?.id;
        if (id && !arrivals.has(id)) arrivals.set(id, performance.now());
      }
    }
  }).catch((err: Error) => {
    if (!signal.aborted) throw err;
  });
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (USER_HZ 100). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime
}

async function fanOut(endpoint: string, token: string, pool: pg.Pool, community: string, building: string, run: string, serverPids: readonly number[]) {
  const controller = new AbortController();
  const arrivals = Array.from({ length: numbers.subscribers }, () => new Map<string, number>());
  const streams = arrivals.map((a) => sseSubscriber(endpoint, token, community, a, controller.signal));
  const insert = (id: string) => pool.query(`INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code) VALUES ($1, 'FIRE_HAZARD', 'GRID_PATROL', 'HIGH', 'REPORTED', now(), 'bench fan-out', $2)`, [id, building]);
  // live: probes until every subscriber has received one
  const started = Date.now();
  for (let p = 0; arrivals.some((a) => a.size === 0); p++) {
    if (Date.now() - started > 120_000) throw new Error(`only ${arrivals.filter((a) => a.size > 0).length} of ${numbers.subscribers} subscribers went live within 120 s`);
    await insert(`bench-probe-${run}-${p}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`${numbers.subscribers} subscribers live after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 1000));
  const committed = new Map<string, number>();
  // the server's CPU over the burst (until every delivery arrived): a figure the load of other processes moves less than delays
  const cpuOf = () => serverPids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const cpuBefore = cpuOf();
  // and this process's (the 1,000 subscribers' reading and parsing), which shares the two cores
  const clientBefore = process.cpuUsage();
  for (let k = 0; k < numbers.burst; k++) {
    const id = `bench-burst-${run}-${k}`;
    await insert(id);
    committed.set(id, performance.now());
  }
  const deadline = Date.now() + 30_000;
  const complete = () => arrivals.every((a) => [...committed.keys()].every((id) => a.has(id)));
  while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const serverCpuSeconds = cpuOf() - cpuBefore;
  const clientUsage = process.cpuUsage(clientBefore);
  const clientCpuSeconds = (clientUsage.user + clientUsage.system) / 1e6;
  controller.abort();
  await Promise.allSettled(streams);
  const delays: number[] = [];
  let missing = 0;
  for (const a of arrivals) {
    for (const [id, at] of committed) {
      const got = a.get(id);
      if (got === undefined) missing++;
      else delays.push(got - at);
    }
  }
  delays.sort((x, y) => x - y);
  const result = { subscribers: numbers.subscribers, events: numbers.burst, expected: numbers.subscribers * numbers.burst, delivered: delays.length, missing, p50Ms: quantile(delays, 0.5), p99Ms: quantile(delays, 0.99), maxMs: delays.at(-1) ?? NaN, serverCpuSeconds, serverCpuUsPerDelivery: (serverCpuSeconds * 1e6) / Math.max(1, delays.length), clientCpuSeconds };
  log(`fan-out: ${result.delivered} of ${result.expected} delivered, delay p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms; server CPU ${serverCpuSeconds.toFixed(2)} s (${result.serverCpuUsPerDelivery.toFixed(1)} µs per delivery); the subscribers' CPU ${clientCpuSeconds.toFixed(2)} s`);
  return result;
}

const load = os.loadavg()[0];
log(`load average ${load.toFixed(2)} on ${os.cpus().length} CPUs${load >= 2 ? ' (not quiet: figures are indicative only)' : ''}`);
await prepareDataset(url, numbers.scale, false, log);
const codes = await sampleCodes(url, 'ROOM', 200);
const token = await signDevToken({ subject: 'bench', roles: ['admin'] });
const run = Date.now().toString(36);
const commit = measuredCommit();
const baselineCommit = values.baseline ? (() => { try { return readFileSync(path.join(values.baseline!, 'COMMIT'), 'utf8').trim(); } catch { return path.basename(values.baseline!); } })() : null;
const trees = [
  ...(values.baseline ? [{ name: `baseline ${baselineCommit!.slice(0, 7)}`, tree: path.resolve(values.baseline), databaseUrl: values['baseline-database-url']! }] : []),
  ...workerCounts.map((workers) => ({ name: `current ${(commit ?? 'unknown').slice(0, 7)}${workerCounts.length > 1 || workers > 1 ? ` ×${workers}` : ''}`, tree: path.join(here, '..'), databaseUrl: url, workers })),
];
const variants: Variant[] = [];
try {
  for (const t of trees) {
    const profile = values.profile && t.tree === path.join(here, '..') ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile)] : [];
    const server = await startServer(t.tree, t.databaseUrl, profile, 'workers' in t ? t.workers : 1);
    const pool = new pg.Pool({ connectionString: t.databaseUrl, max: numbers.connections + 1, application_name: 'address-graph:bench-floor' });
    variants.push({ name: t.name, databaseUrl: t.databaseUrl, ...server, pool });
  }
  // each workload answers once without a user error before it is timed
  const reportCode = (i: number) => ({ kind: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', description: `消防通道被堵 (bench ${run})`, address: { code: codes[i % codes.length] } });
  const reportText = () => ({ kind: 'FIRE_HAZARD', source: 'APP', severity: 'MEDIUM', description: `楼道堆放杂物 (bench ${run})`, address: { text: FREE_TEXT } });
  // the transition workload assigns fresh events, one each: more than the runs can use
  const fresh = Math.max(20_000, numbers.duration * 5_000) * numbers.rounds;
  const assign = (v: Variant, i: number) => ({ id: `bench-assign-${run}-${variants.indexOf(v)}-${i}`, version: 1, assignee: { unit: '福田街道消防站' } });
  const nextAssign = new Map<string, number>();
  const writes = WORKLOADS.some((w) => w !== 'fan-out' && runs(w));
  for (const v of writes ? variants : []) {
    for (const input of [reportCode(0), reportText()]) {
      const answer = await graphql(v.url, token, REPORT, { input });
      if (answer.errors || answer.data?.eventReport?.userErrors?.length) throw new Error(`eventReport refused by ${v.name}: ${JSON.stringify(answer)}`);
    }
    if (!runs('transition')) continue;
    // variants that share a database (--workers 1,2) each assign their own
    await v.pool.query(`INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code)
      SELECT 'bench-assign-' || $1 || '-' || g, 'FIRE_HAZARD', 'GRID_PATROL', 'HIGH', 'REPORTED', now(), 'bench transition', ($2::text[])[1 + g % array_length($2::text[], 1)]
      FROM generate_series(0, $3 - 1) g`, [`${run}-${variants.indexOf(v)}`, codes, fresh]);
    await v.pool.query('ANALYZE events.event');
    const check = await graphql(v.url, token, ASSIGN, { input: assign(v, fresh - 1) });
    if (check.errors || check.data?.eventAssign?.userErrors?.length) throw new Error(`eventAssign refused by ${v.name}: ${JSON.stringify(check)}`);
    nextAssign.set(v.name, 0);
  }

  // every workload on every variant, alternating the order each round so drifting load favours none
  const rows: Row[] = [];
  for (let round = 1; writes && round <= numbers.rounds; round++) {
    const order = round % 2 === 1 ? variants : [...variants].reverse();
    for (const v of runs('report-code') ? order : []) rows.push(await cannon('report-code', v, round, token, (i) => JSON.stringify({ query: REPORT, variables: { input: reportCode(i) } })));
    for (const v of runs('report-text') ? order : []) rows.push(await cannon('report-text', v, round, token, () => JSON.stringify({ query: REPORT, variables: { input: reportText() } })));
    for (const v of runs('transition') ? order : []) {
      rows.push(await cannon('transition', v, round, token, () => {
        const k = nextAssign.get(v.name)!;
        nextAssign.set(v.name, k + 1);
        return JSON.stringify({ query: ASSIGN, variables: { input: assign(v, k) } });
      }));
    }
    for (const v of runs('sql-insert') ? order : []) rows.push(await sqlFloor(v, round, codes, `${run}-${round}`));
  }

  // the fan-out on every variant, the order alternating by round as above
  const community = codes[0].slice(0, 12);
  const fans: (Awaited<ReturnType<typeof fanOut>> & { variant: string; round: number })[] = [];
  for (let round = 1; runs('fan-out') && round <= numbers.rounds; round++) {
    for (const v of round % 2 === 1 ? variants : [...variants].reverse()) {
      log(`fan-out [${v.name}], round ${round}`);
      fans.push({ variant: v.name, round, ...(await fanOut(v.url, token, v.pool, community, codes[0].slice(0, 19), `${run}-${round}`, v.pids)) });
    }
  }

  const loadAfter = os.loadavg()[0];
  const date = new Date().toISOString().slice(0, 10);
  const result = { date, commit, baselineCommit, loadAverage: load, loadAverageAfter: loadAfter, cpus: os.cpus().length, options: numbers, writes: rows, fanOut: fans };
  const base = resultPath(['writes', date, commitLabel(commit)]);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  const fmt = (x: number | null, d = 0) => (x === null || Number.isNaN(x) ? '–' : x.toFixed(d));
  const md = [
    `# Write workload, ${date}, commit ${commit ?? 'unknown'}${baselineCommit ? ` beside ${baselineCommit}` : ''}`,
    '',
    `${numbers.connections} connections, ${numbers.duration} s each, ${numbers.rounds} round(s) alternating the variants, scale ${numbers.scale}; load average ${load.toFixed(2)} at the start, ${loadAfter.toFixed(2)} at the end, on ${os.cpus().length} CPUs${Math.max(load, loadAfter) >= 2 ? ' (the machine was not quiet: compare the variants of one run, not runs; statements and CPU µs per request do not depend on load)' : ''}.`,
    '',
    '| workload | variant | round | requests | errors | req/s | p50 ms | p99 ms | SQL statements/req | server CPU µs/req | sessions waiting on |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.workload} | ${r.variant} | ${r.round} | ${r.requests} | ${r.errors} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.statementsPerRequest, 2)} | ${fmt(r.cpuUsPerRequest)} | ${Object.entries(r.waits).map(([k, n]) => `${k} ${n}`).join(', ')} |`),
    '',
    ...(fans.length === 0 ? ['Fan-out: not run (--only).'] : [
      `Fan-out: ${numbers.subscribers} SSE subscribers of \`eventChanged\` on community ${community}, a burst of ${numbers.burst} events committed one statement each; delay from each commit to its arrival; CPU over the burst (server: its processes from /proc; subscribers: this process, on the same cores).`,
      '',
      '| variant | round | delivered | missing | p50 ms | p99 ms | max ms | server CPU s | server CPU µs/delivery | subscribers\' CPU s |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...fans.map((f) => `| ${f.variant} | ${f.round} | ${f.delivered} of ${f.expected} | ${f.missing} | ${fmt(f.p50Ms)} | ${fmt(f.p99Ms)} | ${fmt(f.maxMs)} | ${fmt(f.serverCpuSeconds, 2)} | ${fmt(f.serverCpuUsPerDelivery, 1)} | ${fmt(f.clientCpuSeconds, 2)} |`),
    ]),
    '',
  ].join('\n');
  writeFileSync(`${base}.md`, md);
  process.stdout.write(md);
  log(`wrote ${base}.json and .md`);
} finally {
  // the bench's own rows go again, so the data sets stay as seeded
  for (const v of variants) {
    await v.pool.query(`DELETE FROM events.event WHERE id LIKE 'bench-%' OR description LIKE $1`, [`% (bench ${run})`]).catch(() => {});
    await v.pool.end();
    v.child.stdin?.end();
    v.child.kill('SIGTERM');
  }
}
