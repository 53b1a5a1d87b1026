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
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Request } from 'autocannon';
import pg from 'pg';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { prepareDataset, sampleCodes } from './database.ts';
import { measuredCommit } from './report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stderr.write(`[bench:writes] ${line}\n`);

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    subscribers: { type: 'string', default: '1000' },
    burst: { type: 'string', default: '100' },
    // fan-out: only the subscription fan-out (no write workloads)
    only: { type: 'string' },
    // a directory: the server process writes a V8 CPU profile there (node --cpu-prof)
    profile: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const USAGE = 'usage: npm run bench:writes -- --database-url URL [--scale N] [--duration S] [--connections C] [--subscribers N] [--burst N] [--only fan-out] [--profile DIR]\n';
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const url = values['database-url'] ?? process.env.BENCH_DATABASE_URL;
const numbers = { scale: Number(values.scale), duration: Number(values.duration), connections: Number(values.connections), subscribers: Number(values.subscribers), burst: Number(values.burst) };
const bad = Object.entries(numbers).filter(([, v]) => !Number.isFinite(v) || v <= 0).map(([k]) => `--${k}`);
const badOnly = values.only !== undefined && values.only !== 'fan-out';
if (!url || bad.length || badOnly) {
  process.stderr.write(`${!url ? 'a PostgreSQL URL is needed (--database-url or BENCH_DATABASE_URL)\n' : ''}${bad.length ? `not a positive number: ${bad.join(', ')}\n` : ''}${badOnly ? `--only takes fan-out, not ${values.only}\n` : ''}${USAGE}`);
  process.exit(2);
}

type Row = { workload: string; requests: number; errors: number; rps: number; p50: number; p99: number };

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile)] : [];
  const child = spawn(process.execPath, [...profile, path.join(here, 'serve.ts'), 'hive', '--database-url', url!, '--pool', String(numbers.connections), '--exit-with-stdin'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { LOG_LEVEL: 'warn', ...process.env },
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready":true')) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`bench/serve.ts exited (${code}) before it was ready`)));
  });
}

/** One GraphQL request and its JSON answer (the sanity check before each timed run). */
async function graphql(endpoint: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return res.json();
}

async function cannon(name: string, endpoint: string, token: string, body: (i: number) => string): Promise<Row> {
  let i = 0;
  const result = await autocannon({
    url: endpoint,
    method: 'POST',
    connections: numbers.connections,
    duration: numbers.duration,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req: Request) => ({ ...req, body: body(i++) }) }],
    // an answer with a user error (or none at all) counts as an error, not as a write
    verifyBody: (text: string) => text.includes('"userErrors":[]'),
  });
  const row = { workload: name, requests: result.requests.total, errors: result.errors + result.non2xx + result.mismatches, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  log(`${name}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.errors} errors`);
  return row;
}

const REPORT = `mutation ($input: EventReportInput!) { eventReport(input: $input) { event { id } userErrors { code message } } }`;
const ASSIGN = `mutation ($input: EventAssignInput!) { eventAssign(input: $input) { event { id } userErrors { code message } } }`;
const FREE_TEXT = '福田区福田街道水围村28栋1203';

async function sqlFloor(pool: pg.Pool, codes: readonly string[], run: string): Promise<Row> {
  const latencies: number[] = [];
  let n = 0;
  const until = Date.now() + numbers.duration * 1000;
  await Promise.all(Array.from({ length: numbers.connections }, async () => {
    while (Date.now() < until) {
      const k = n++;
      const t0 = performance.now();
      await pool.query(`INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code) VALUES ($1, 'FIRE_HAZARD', 'GRID_PATROL', 'HIGH', 'REPORTED', now(), 'bench floor', $2)`, [`bench-sql-${run}-${k}`, codes[k % codes.length]]);
      latencies.push(performance.now() - t0);
    }
  }));
  latencies.sort((a, b) => a - b);
  const row = { workload: 'sql-insert', requests: latencies.length, errors: 0, rps: latencies.length / numbers.duration, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
  log(`sql-insert: ${row.rps.toFixed(0)} statements/s, p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms`);
  return row;
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (USER_HZ 100). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime
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

async function fanOut(endpoint: string, token: string, pool: pg.Pool, community: string, building: string, run: string, serverPid: number) {
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
  const cpuBefore = cpuSecondsOf(serverPid);
  for (let k = 0; k < numbers.burst; k++) {
    const id = `bench-burst-${run}-${k}`;
    await insert(id);
    committed.set(id, performance.now());
  }
  const deadline = Date.now() + 30_000;
  const complete = () => arrivals.every((a) => [...committed.keys()].every((id) => a.has(id)));
  while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const serverCpuSeconds = cpuSecondsOf(serverPid) - cpuBefore;
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
  const result = { subscribers: numbers.subscribers, events: numbers.burst, expected: numbers.subscribers * numbers.burst, delivered: delays.length, missing, p50Ms: quantile(delays, 0.5), p99Ms: quantile(delays, 0.99), maxMs: delays.at(-1) ?? NaN, serverCpuSeconds, serverCpuUsPerDelivery: (serverCpuSeconds * 1e6) / Math.max(1, delays.length) };
  log(`fan-out: ${result.delivered} of ${result.expected} delivered, delay p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms; server CPU ${serverCpuSeconds.toFixed(2)} s (${result.serverCpuUsPerDelivery.toFixed(1)} µs per delivery)`);
  return result;
}

const load = os.loadavg()[0];
log(`load average ${load.toFixed(2)} on ${os.cpus().length} CPUs${load >= 2 ? ' (not quiet: figures are indicative only)' : ''}`);
await prepareDataset(url!, numbers.scale, false, log);
const codes = await sampleCodes(url!, 'ROOM', 200);
const token = await signDevToken({ subject: 'bench', roles: ['admin'] });
const server = await startServer();
const pool = new pg.Pool({ connectionString: url, max: numbers.connections });
const run = Date.now().toString(36);
try {
  // each workload answers once without a user error before it is timed
  const reportCode = (i: number) => ({ kind: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', description: `消防通道被堵 (bench ${run})`, address: { code: codes[i % codes.length] } });
  const reportText = () => ({ kind: 'FIRE_HAZARD', source: 'APP', severity: 'MEDIUM', description: `楼道堆放杂物 (bench ${run})`, address: { text: FREE_TEXT } });
  for (const input of [reportCode(0), reportText()]) {
    const answer = await graphql(server.url, token, REPORT, { input });
    if (answer.errors || answer.data?.eventReport?.userErrors?.length) throw new Error(`eventReport refused: ${JSON.stringify(answer)}`);
  }
  const rows: Row[] = [];
  if (values.only !== 'fan-out') {
    // the transition workload assigns fresh events, one each: more than the run can use
    const fresh = Math.max(20_000, numbers.duration * 5_000);
    await pool.query(`INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code)
      SELECT 'bench-assign-' || $1 || '-' || g, 'FIRE_HAZARD', 'GRID_PATROL', 'HIGH', 'REPORTED', now(), 'bench transition', ($2::text[])[1 + g % array_length($2::text[], 1)]
      FROM generate_series(0, $3 - 1) g`, [run, codes, fresh]);
    const assign = (i: number) => ({ id: `bench-assign-${run}-${i}`, version: 1, assignee: { unit: '福田街道消防站' } });
    const check = await graphql(server.url, token, ASSIGN, { input: assign(fresh - 1) });
    if (check.errors || check.data?.eventAssign?.userErrors?.length) throw new Error(`eventAssign refused: ${JSON.stringify(check)}`);

    rows.push(await cannon('report-code', server.url, token, (i) => JSON.stringify({ query: REPORT, variables: { input: reportCode(i) } })));
    rows.push(await cannon('report-text', server.url, token, () => JSON.stringify({ query: REPORT, variables: { input: reportText() } })));
    rows.push(await cannon('transition', server.url, token, (i) => JSON.stringify({ query: ASSIGN, variables: { input: assign(i) } })));
    rows.push(await sqlFloor(pool, codes, run));
  }

  const community = codes[0].slice(0, 12);
  const fan = await fanOut(server.url, token, pool, community, codes[0].slice(0, 19), run, server.child.pid!);

  const commit = measuredCommit();
  const date = new Date().toISOString().slice(0, 10);
  const result = { date, commit, loadAverage: load, cpus: os.cpus().length, options: numbers, writes: rows, fanOut: fan };
  const dir = path.join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `writes-${date}-${(commit ?? 'unknown').slice(0, 7)}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    `# Write workload, ${date}, commit ${commit ?? 'unknown'}`,
    '',
    `${numbers.connections} connections, ${numbers.duration} s each, scale ${numbers.scale}; load average ${load.toFixed(2)} on ${os.cpus().length} CPUs${load >= 2 ? ' (the machine was not quiet: indicative only)' : ''}.`,
    '',
    '| workload | requests | errors | req/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.workload} | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`),
    '',
    `Fan-out: ${fan.subscribers} SSE subscribers on community ${community}, a burst of ${fan.events} events: ${fan.delivered} of ${fan.expected} deliveries (${fan.missing} missing), delay from commit p50 ${fan.p50Ms.toFixed(0)} ms, p99 ${fan.p99Ms.toFixed(0)} ms, max ${fan.maxMs.toFixed(0)} ms; the server used ${fan.serverCpuSeconds.toFixed(2)} s of CPU over the burst (${fan.serverCpuUsPerDelivery.toFixed(1)} µs per delivery).`,
    '',
  ].join('\n');
  writeFileSync(`${base}.md`, md);
  process.stdout.write(md);
  log(`wrote ${base}.json and .md`);
} finally {
  // the bench's own rows go again, so the data set stays as seeded
  await pool.query(`DELETE FROM events.event WHERE id LIKE 'bench-%' OR description LIKE $1`, [`% (bench ${run})`]).catch(() => {});
  await pool.end();
  server.child.stdin?.end();
  server.child.kill('SIGTERM');
}
