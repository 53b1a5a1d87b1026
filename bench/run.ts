/**
 * `npm run bench`: load-tests three questions against real PostgreSQL through
 *
 *   hive       the project's gateway (Hive Gateway runtime + Rust query planner) and its subgraphs
 *   hive-bare  the same with access control off (bench only; bench/serve.ts): the price of it
 *   apollo     @apollo/gateway over the same supergraph and subgraphs, verifying the same tokens,
 *              signing the same subgraph requests, with the same depth and cost limits
 *   sql     one hand-written SQL statement per question (the floor)
 *
 * each served by its own child process (bench/serve.ts), driven by autocannon from this one, in
 * two workloads: `showcase` (every request asks about the showcase address) and `spread`
 * (requests rotate over a sample of addresses, so no two requests in flight are alike). Before
 * timing, every variant answers every question once per address and the answers must agree.
 * Writes bench/results/[<name>-]<date>-<commit>.json and .md and, for an unnamed run, the README's
 * gateway table (between the bench-gateway markers); progress goes to stderr, the tables to stdout.
 */
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { env } from '../lib/config.ts';
import { differingFacts, firstDifference, sumCounter } from './compare.ts';
import { prepareDataset, sampleCodes } from './database.ts';
import { benchOptions, childEnv, redactUrl, type BenchOptions, type VariantName, type Workload } from './options.ts';
import { graphqlBody, QUERIES, type BenchQuery, type QueryId } from './queries.ts';
import { commitLabel, markdownReport, measuredCommit, readmeTable, resultPath, replaceBetweenMarkers, resultTables, type BenchResult, type Check, type Measurement } from './report.ts';
import { floorRequest } from './sql-baseline.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const READY_TIMEOUT_MS = 120_000;
const FETCH_TIMEOUT_MS = 60_000;
/** The statement counter must stay unchanged this long after a run to count as settled. */
const SETTLE_QUIET_MS = 500;
const SETTLE_MAX_MS = 30_000;

/** Every variant is asked as a demo admin (every scope): the Hive gateway verifies it. */
let token = '';
async function benchToken(): Promise<string> {
  token ||= await signDevToken({ subject: 'bench', roles: ['admin'] });
  return token;
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

class BenchAbort extends Error {}


type Variant = { name: VariantName; child: ChildProcess; url: string; metricsUrl: string };

/** Starts `bench/serve.ts <name>` and waits for its ready line. */
function startVariant(name: VariantName, options: BenchOptions): Promise<Variant> {
  const child = spawn(
    process.execPath,
    [path.join(here, 'serve.ts'), name, '--database-url', options.databaseUrl, '--pool', String(options.connections), '--exit-with-stdin'],
    { stdio: ['pipe', 'pipe', 'inherit'], env: childEnv(options) },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new BenchAbort(`the ${name} server did not become ready within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    let ready = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!ready && line.startsWith('{"ready":true')) {
        ready = true;
        clearTimeout(timer);
        const msg = JSON.parse(line) as { url: string; metricsUrl: string; pid: number };
        log(`${name} ready at ${msg.url} (pid ${msg.pid})`);
        resolve({ name, child, url: msg.url, metricsUrl: msg.metricsUrl });
      } else {
        process.stderr.write(`[${name}] ${line}\n`);
      }
    });
    child.once('exit', (code, signal) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new BenchAbort(`the ${name} server exited before it was ready (${signal ?? `code ${code}`})`));
      }
    });
  });
}

/** Closes the child's stdin (it stops itself), then SIGKILL if it has not exited within 10 s. */
async function stopVariant(v: Variant): Promise<void> {
  if (v.child.exitCode !== null || v.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => v.child.once('exit', () => resolve()));
  v.child.stdin!.end();
  const timer = setTimeout(() => v.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The URL and body of one request about `code` to a variant. */
function target(v: Variant, q: BenchQuery, code: string): { url: string; body: string } {
  if (v.name === 'sql') {
    const { path: p, body } = floorRequest(q, code);
    return { url: new URL(p, v.url).toString(), body };
  }
  return { url: v.url, body: graphqlBody(q, code) };
}

/** One request; the parsed `data`, or an abort naming what went wrong. */
async function ask(v: Variant, q: BenchQuery, code: string): Promise<unknown> {
  const { url, body } = target(v, q, code);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await benchToken()}` },
    body,
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  const text = await res.text();
  let json: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    json = JSON.parse(text);
  } catch {
    throw new BenchAbort(`${v.name} answered ${q.id} for ${code} with HTTP ${res.status} and a body that is not JSON: ${text.slice(0, 300)}`);
  }
  if (!res.ok || json.errors?.length || !json.data) {
    const errors = (json.errors ?? []).map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ');
    throw new BenchAbort(`${v.name} answered ${q.id} for ${code} with HTTP ${res.status}${errors ? ` and errors: ${errors}` : ' and no data'}`);
  }
  return json.data;
}

const show = (x: unknown) => JSON.stringify(x)?.slice(0, 200);

/**
 * Asks one question about each address of every variant; aborts unless hive and apollo agree
 * exactly and the floor agrees on the key numbers. Key numbers in the check are summed over the
 * addresses.
 */
async function verify(variants: Variant[], q: BenchQuery, workload: Workload, codes: readonly string[]): Promise<Check> {
  const totals: Record<string, number> = {};
  let floorIdentical = 0;
  let floorFirstDifference: string | undefined;
  const has = (name: VariantName) => variants.some((v) => v.name === name);
  for (const code of codes) {
    const answers = new Map<VariantName, unknown>();
    for (const v of variants) answers.set(v.name, await ask(v, q, code));
    const sql = answers.get('sql');
    // every GraphQL variant must give exactly the same data (bare runs as SYSTEM, the others as the bench admin: nothing masked either way)
    const graphs = [...answers].filter(([name]) => name !== 'sql');
    for (const [name, data] of graphs.slice(1)) {
      const d = firstDifference(graphs[0][1], data);
      if (d) throw new BenchAbort(`${q.id} for ${code}: ${graphs[0][0]} and ${name} answers differ at ${d.path}: ${graphs[0][0]} ${show(d.left)}, ${name} ${show(d.right)}`);
    }
    const reference = graphs[0]?.[1] ?? sql;
    const facts = q.keyFacts(reference);
    const missing = Object.entries(facts).filter(([, n]) => !Number.isFinite(n)).map(([k]) => k);
    if (missing.length) throw new BenchAbort(`${q.id} for ${code}: the answer lacks ${missing.join(', ')}: ${show(reference)}`);
    if (sql !== undefined && reference !== sql) {
      const floorFacts = q.keyFacts(sql);
      const bad = differingFacts(facts, floorFacts);
      if (bad.length) {
        throw new BenchAbort(`${q.id} for ${code}: the SQL floor disagrees on ${bad.map((k) => `${k} (graph ${facts[k]}, floor ${floorFacts[k]})`).join(', ')}`);
      }
      const d = firstDifference(reference, sql);
      if (d === null) floorIdentical++;
      else if (!floorFirstDifference) {
        floorFirstDifference = `${code} ${d.path} (graph ${show(d.left)}, floor ${show(d.right)})`;
        log(`note: ${q.id} key numbers agree but the floor's answer differs for ${floorFirstDifference}`);
      }
    }
    for (const [k, n] of Object.entries(facts)) totals[k] = (totals[k] ?? 0) + n;
  }
  log(`${q.id} ${workload}: ${codes.length} address(es), answers agree: ${Object.entries(totals).map(([k, n]) => `${k}=${n}`).join(' ')}`);
  return {
    query: q.id,
    workload,
    addresses: codes.length,
    keyFacts: totals,
    gatewaysEqual: variants.filter((v) => v.name !== 'sql').length >= 2 ? true : null,
    floorIdentical: has('sql') && variants.some((v) => v.name !== 'sql') ? floorIdentical : null,
    floorFirstDifference,
  };
}

/** The server's SQL statements so far and the CPU seconds its process has used (user + system). */
async function counters(v: Variant): Promise<{ statements: number; cpuSeconds: number }> {
  const res = await fetch(v.metricsUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  const text = await res.text();
  return { statements: sumCounter(text, 'db_queries_total'), cpuSeconds: sumCounter(text, 'process_cpu_seconds_total') };
}

/** The counters once the requests still in flight after a run have been served. */
async function settledCounters(v: Variant): Promise<{ statements: number; cpuSeconds: number }> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  let last = await counters(v);
  let quietSince = Date.now();
  while (Date.now() - quietSince < SETTLE_QUIET_MS && Date.now() < deadline) {
    await sleep(100);
    const now = await counters(v);
    if (now.statements !== last.statements) quietSince = Date.now();
    last = now;
  }
  return last;
}

/** A good response is `{"data": ...}` without `errors` (the floor's JSON has spaces: `{"data" : `). */
const goodBody = (body: string) => /^\{\s*"data"\s*:/.test(body) && !/"errors"\s*:/.test(body);

function load(v: Variant, q: BenchQuery, codes: readonly string[], options: BenchOptions, seconds: number) {
  const { url } = target(v, q, codes[0]);
  const bodies = codes.map((code) => target(v, q, code).body);
  // One counter shared by every connection, so consecutive requests ask about different addresses.
  let next = 0;
  return autocannon({
    url,
    connections: options.connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: bodies[0],
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
    verifyBody: goodBody,
  });
}

async function measure(v: Variant, q: BenchQuery, workload: Workload, codes: readonly string[], options: BenchOptions): Promise<Measurement> {
  const label = `${q.id} ${workload} ${v.name}`;
  if (options.warmup > 0) {
    log(`${label}: warming up ${options.warmup} s`);
    await load(v, q, codes, options, options.warmup);
  }
  const before = await settledCounters(v);
  log(`${label}: measuring ${options.duration} s with ${options.connections} connections`);
  const r = await load(v, q, codes, options, options.duration);
  const after = await settledCounters(v);
  const completed = r.requests.total;
  // Requests still in flight when autocannon stops are served (and their statements counted)
  // after it has stopped counting responses, so divide by the requests sent, not completed.
  const sent = r.requests.sent;
  const m: Measurement = {
    query: q.id,
    workload,
    variant: v.name,
    requestsPerSecond: r.requests.average,
    requests: completed,
    sent,
    seconds: r.duration,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, average: r.latency.average, max: r.latency.max },
    statementsPerRequest: sent ? (after.statements - before.statements) / sent : Number.NaN,
    // includes the settle polls' /metrics requests (a few per run): negligible against thousands of requests
    cpuMicrosPerRequest: sent ? (1e6 * (after.cpuSeconds - before.cpuSeconds)) / sent : Number.NaN,
    bytesPerResponse: completed ? r.throughput.total / completed : Number.NaN,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    badBodies: r.mismatches,
  };
  const failed = m.errors + m.non2xx + m.badBodies;
  log(
    `${label}: ${m.requestsPerSecond.toFixed(0)} req/s, p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms, ` +
      `${m.statementsPerRequest.toFixed(2)} statements/req, ${(m.cpuMicrosPerRequest ?? Number.NaN).toFixed(0)} CPU µs/req${failed ? `, ${m.errors} errors, ${m.non2xx} non-2xx, ${m.badBodies} bad bodies` : ''}`,
  );
  return m;
}

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function main(): Promise<void> {
  await benchToken();
  const options = benchOptions();
  const started = new Date();
  const loadBefore = os.loadavg();
  // the tree measured is the one at the start (a commit made while the run goes does not count)
  const commit = measuredCommit();
  const queries = QUERIES.filter((q) => options.queries.includes(q.id));
  const workloads: Workload[] = options.workload === 'both' ? ['showcase', 'spread'] : [options.workload];
  log(`database ${redactUrl(options.databaseUrl)}, scale ${options.scale}`);
  const dataset = await prepareDataset(options.databaseUrl, options.scale, options.reseed, log);

  const codes = new Map<`${QueryId} ${Workload}`, string[]>();
  for (const q of queries) {
    codes.set(`${q.id} showcase`, [q.variables.code]);
    if (workloads.includes('spread')) {
      const sample = await sampleCodes(options.databaseUrl, q.level, options.spread);
      if (sample.length < 2) throw new BenchAbort(`${q.id}: found only ${sample.length} ${q.level} address(es) to spread over`);
      codes.set(`${q.id} spread`, sample);
    }
  }

  let variants: Variant[] = [];
  const stopAll = async () => {
    await Promise.all(variants.map((v) => stopVariant(v)));
    variants = [];
  };
  const onSignal = () => {
    log('interrupted; stopping the servers');
    stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const checks: Check[] = [];
  const measurements: Measurement[] = [];
  try {
    // The answer checks need every variant up at once; they send one request at a time.
    for (const name of options.variants) variants.push(await startVariant(name, options));
    for (const workload of workloads) {
      for (const q of queries) checks.push(await verify(variants, q, workload, codes.get(`${q.id} ${workload}`)!));
    }
    await stopAll();
    // Timing runs one server process at a time, started afresh: idle servers would still hold
    // their pools' PostgreSQL connections (up to 5 × DB_POOL_MAX each) and memory.
    for (const name of options.variants) {
      const v = await startVariant(name, options);
      variants = [v];
      for (const workload of workloads) {
        for (const q of queries) measurements.push(await measure(v, q, workload, codes.get(`${q.id} ${workload}`)!, options));
      }
      await stopAll();
    }
  } finally {
    await stopAll();
  }
  const failures = measurements.filter((m) => m.errors + m.non2xx + m.badBodies > 0);
  if (failures.length) log(`WARNING: ${failures.length} row(s) had failed requests; their figures are not comparable (see the server output above)`);

  const { postgresVersion, ...data } = dataset;
  const cpus = os.cpus();
  const result: BenchResult = {
    date: localDate(started),
    commit,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      postgres: postgresVersion,
      loadAverage: { start: loadBefore.map((n) => Number(n.toFixed(2))), end: os.loadavg().map((n) => Number(n.toFixed(2))) },
    },
    settings: {
      scale: options.scale,
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
      connections: options.connections,
      spreadAddresses: options.spread,
      jit: options.jit,
      subgraphPoolMax: env().DB_POOL_MAX,
      floorPoolMax: options.connections,
      database: redactUrl(options.databaseUrl),
    },
    dataset: data,
    queries: queries.map((q) => ({ id: q.id, title: q.title, level: q.level, showcase: q.variables.code })),
    spreadCodes: Object.fromEntries(queries.filter(() => workloads.includes('spread')).map((q) => [q.id, codes.get(`${q.id} spread`)!])),
    checks,
    measurements,
  };
  const base = resultPath([options.name, result.date, commitLabel(result.commit)]);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdownReport(result));
  log(`wrote ${path.relative(process.cwd(), base)}.json and .md`);
  // a named run is an experiment: only an unnamed run replaces the README's table
  if (!options.name) {
    const readme = path.join(here, '..', 'README.md');
    const text = replaceBetweenMarkers(readFileSync(readme, 'utf8'), 'bench-gateway', readmeTable(result, path.relative(path.join(here, '..'), base)));
    if (text === null) log('README.md has no <!-- bench-gateway:start --> … <!-- bench-gateway:end --> block; table not written there');
    else {
      writeFileSync(readme, text);
      log('README.md gateway table regenerated');
    }
  }
  process.stdout.write(`${resultTables(result)}\n`);
}

try {
  await main();
} catch (err) {
  if (err instanceof BenchAbort) {
    log(`aborted: ${err.message}`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
