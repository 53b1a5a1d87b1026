/**
 * `npm run bench:monitor -- [--scale N] [--iterations N] [--connections C[,C…]] [--new-events N]`: early
 * warning at district scale (issue 12), on PostgreSQL, through the real gateway:
 *
 *   1. the bench database (BENCH_DATABASE_URL, default address_graph_bench_monitor) seeded by
 *      prepareDataset at --scale (default 10), plus what makes every shipped rule fire at a
 *      realistic rate (bench-mon-* rows, replaced on every run, dated relative to now): buildings
 *      with 3 to 5 open hazards in the last 30 days (and some with 2, which must not fire),
 *      buildings with repeated disputes and mediation cases, overcrowded rooms (a small registered
 *      area), residents in shops, a surging community;
 *   2. the system as `npm start` runs it (bench/serve.ts hive, its own process, no rate limit);
 *   3. the dashboard: the hazard map's area query at district level (HazardMapArea, exactly the
 *      selection map/page/map.js sends: the district and its subdistricts with residents, open
 *      events and open alerts) and the district's communities with the same fields
 *      (addressesUnder COMMUNITY), --iterations each over each --connections count of concurrent
 *      clients (default 1 and 4) as a demo admin: p50/p99, SQL statements per query (the server's
 *      db_queries_total), server CPU per query (/proc/<pid>/stat). Before, in the same run: without
 *      the dashboard's indexes (BEFORE_INDEXES), and with every area drawn on every request (a
 *      second server with AREA_CACHE_SECONDS=0);
 *   4. a full monitor run over the district (monitor/run.ts runMonitor, over HTTP through that
 *      gateway as the `monitor` identity, alerts emptied first): seconds, gateway operations,
 *      SQL statements (the server's plus the alerts store's in this process), alerts per rule;
 *   5. --new-events (1,000) new events in the district, then an incremental run (all rules, as the
 *      schedule runs them) and the same for the event rules alone.
 *
 * Writes bench/results/monitor-<date>-<commit>.json and .md and the README table between
 * `<!-- bench-monitor:start -->` and `<!-- bench-monitor:end -->`. Records the load average: the
 * absolute figures of a shared machine are not quiet measurements; statements and operations are.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { httpExecutor } from '../bridge/execute.ts';
import { signDevToken } from '../lib/auth/dev-keys.ts';
import { openDatabase, query, type Database } from '../lib/db.ts';
import { dbQueryCount } from '../lib/metrics.ts';
import { runMonitor, type MonitorRun } from '../monitor/run.ts';
import { loadRules } from '../monitor/rules.ts';
import { isRoomRule } from '../monitor/evaluate.ts';
import { sumCounter } from './compare.ts';
import { prepareDataset, type Dataset } from './database.ts';
import { DEFAULT_SCALE, redactUrl } from './options.ts';
import { commitLabel, measuredCommit, resultPath } from './report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const log = (line: string) => process.stderr.write(`[bench:monitor] ${line}\n`);
const DISTRICT = '440304';
const DAY_MS = 86_400_000;

const USAGE = `usage: npm run bench:monitor -- [--scale N] [--iterations N] [--connections C[,C…]] [--new-events N] [--reseed]
  --scale N        seed scale of the bench database (default ${DEFAULT_SCALE})
  --iterations N   dashboard queries timed per query (default 200, after 10 unmeasured)
  --connections C  concurrent dashboard clients, or a list of counts each measured (default 1,4)
  --new-events N   events inserted before the incremental run (default 1000)
  --reseed         drop and reload the data set even when it matches
  database: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/address_graph_bench_monitor)
`;

let parsed;
try {
  parsed = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      scale: { type: 'string', default: String(DEFAULT_SCALE) },
      iterations: { type: 'string', default: '200' },
      connections: { type: 'string', default: '1,4' },
      'new-events': { type: 'string', default: '1000' },
      reseed: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const settings = {
  scale: Number(parsed.values.scale),
  iterations: Number(parsed.values.iterations),
  connections: parsed.values.connections.split(',').map(Number),
  newEvents: Number(parsed.values['new-events']),
};
const bad = Object.entries(settings).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : [[k, v] as const])).filter(([k, v]) => !Number.isFinite(v) || v <= 0 || (k !== 'scale' && !Number.isInteger(v)) || (k === 'scale' && v > 60));
const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/address_graph_bench_monitor';
if (bad.length || !URL.canParse(url) || !['127.0.0.1', 'localhost'].includes(new URL(url).hostname)) {
  process.stderr.write(`${bad.map(([k, v]) => `--${k}: expected a positive ${k === 'scale' ? 'number up to 60' : 'integer'}, got ${v}\n`).join('')}${URL.canParse(url) ? '' : 'BENCH_DATABASE_URL is not a URL\n'}${USAGE}`);
  process.exit(2);
}

// ---- the rule-firing data (bench-mon-* rows)

/** Shares of the district that get the rule-firing rows (per mille of buildings, rooms). */
const RATES = { hazardBuildings: 5, nearMissBuildings: 5, disputeBuildings: 5, overcrowdedRooms: 5, shopResidents: 3 } as const;

/**
 * Replaces the bench's own events and cases (dated relative to now) and, once per loaded data
 * set, shrinks the registered area of a sample of occupied rooms and registers residents in a
 * sample of shops and offices. Returns what it placed.
 */
async function placeRuleData(db: Database, dataset: Pick<Dataset, "seededAt">): Promise<Record<string, number>> {
  const k = db.knex;
  await k.raw(`DELETE FROM events.event WHERE id LIKE 'bench-mon-%'`);
  await k.raw(`DELETE FROM cases.legal_case WHERE id LIKE 'bench-mon-%'`);
  const placed: Record<string, number> = {};
  const buildingSample = (salt: string, perMille: number) => `
    SELECT code, row_number() OVER (ORDER BY md5(code || '${salt}')) AS n FROM buildings.address
    WHERE level = 'BUILDING' AND code LIKE '${DISTRICT}%' ORDER BY md5(code || '${salt}')
    LIMIT (SELECT ceil(count(*) * ${perMille} / 1000.0) FROM buildings.address WHERE level = 'BUILDING' AND code LIKE '${DISTRICT}%')`;
  // 3 to 5 open fire or safety hazards within the last 30 days
  placed.hazardEvents = (await k.raw(`
    INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code)
    SELECT 'bench-mon-hz-' || b.code || '-' || i, CASE WHEN i % 2 = 0 THEN 'FIRE_HAZARD' ELSE 'SAFETY_HAZARD' END, 'GRID_PATROL', 'HIGH',
      CASE WHEN i % 3 = 0 THEN 'ASSIGNED' ELSE 'REPORTED' END, now() - make_interval(days => (b.n::int + i * 7) % 28 + 1), 'bench: open hazard', b.code
    FROM (${buildingSample('hz', RATES.hazardBuildings)}) b CROSS JOIN LATERAL generate_series(1, 3 + (b.n::int % 3)) AS i`)).rowCount;
  // 2 open hazards only: below the rule's minimum
  placed.nearMissEvents = (await k.raw(`
    INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code)
    SELECT 'bench-mon-nm-' || b.code || '-' || i, 'FIRE_HAZARD', 'HOTLINE_12345', 'MEDIUM', 'REPORTED', now() - make_interval(days => i * 5), 'bench: open hazard', b.code
    FROM (${buildingSample('nm', RATES.nearMissBuildings)}) b CROSS JOIN generate_series(1, 2) AS i
    WHERE b.code NOT IN (SELECT code FROM (${buildingSample('hz', RATES.hazardBuildings)}) h)`)).rowCount;
  // repeated disputes: 2 DISPUTE events and 1 or 2 mediation cases within 90 days
  placed.disputeEvents = (await k.raw(`
    INSERT INTO events.event (id, kind, source, severity, status, reported_at, resolved_at, description, address_code)
    SELECT 'bench-mon-dp-' || b.code || '-' || i, 'DISPUTE', 'WALK_IN', 'MEDIUM', 'RESOLVED', now() - make_interval(days => 10 + i * 20),
      now() - make_interval(days => 9 + i * 20), 'bench: dispute', b.code
    FROM (${buildingSample('dp', RATES.disputeBuildings)}) b CROSS JOIN generate_series(1, 2) AS i`)).rowCount;
  placed.mediationCases = (await k.raw(`
    INSERT INTO cases.legal_case (id, kind, status, filed_on, summary, address_code)
    SELECT 'bench-mon-mc-' || b.code || '-' || i, 'MEDIATION', 'FILED', (now() - make_interval(days => 5 + i * 15))::date, 'bench: mediation', b.code
    FROM (${buildingSample('dp', RATES.disputeBuildings)}) b CROSS JOIN LATERAL generate_series(1, 1 + (b.n::int % 2)) AS i`)).rowCount;
  // a surge: one community's PUBLIC_ORDER events this week, 15 of them
  const [surging] = await query<{ code: string }>(k, `SELECT code FROM buildings.address WHERE level = 'BUILDING' AND code LIKE ? ORDER BY md5(code || 'surge') LIMIT 1`, [`${DISTRICT}%`]);
  placed.surgeEvents = (await k.raw(`
    INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code)
    SELECT 'bench-mon-sg-' || i, 'PUBLIC_ORDER', 'HOTLINE_12345', 'MEDIUM', 'REPORTED', now() - make_interval(hours => i * 9), 'bench: public order', ?
    FROM generate_series(1, 15) AS i`, [surging.code])).rowCount;

  await k.raw(`CREATE TABLE IF NOT EXISTS public.bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
  const [done] = await query<{ value: { seededAt: string } }>(k, `SELECT value FROM public.bench_meta WHERE key = 'monitor-registry'`);
  if (done?.value.seededAt !== dataset.seededAt) {
    // overcrowding: occupied residential rooms registered with 5 m² (limit 1 resident)
    placed.overcrowdedRooms = (await k.raw(`
      UPDATE buildings.address a SET area_m2 = 5 FROM (
        SELECT r.address_code AS code FROM people.residence r JOIN buildings.address x ON x.code = r.address_code
        WHERE r.until IS NULL AND x.room_use = 'RESIDENTIAL' GROUP BY r.address_code HAVING count(*) >= 2
        ORDER BY md5(r.address_code || 'oc')
        LIMIT (SELECT ceil(count(*) * ${RATES.overcrowdedRooms} / 1000.0) FROM buildings.address WHERE level = 'ROOM' AND room_use = 'RESIDENTIAL')) s
      WHERE a.code = s.code`)).rowCount;
    // use mismatch: a current resident registered in a shop or office
    placed.shopResidents = (await k.raw(`
      INSERT INTO people.residence (person_id, address_code, relation, since)
      SELECT p.id, s.code, 'TENANT', current_date - 30 FROM (
        SELECT code, row_number() OVER (ORDER BY md5(code || 'sr')) AS n FROM buildings.address WHERE level = 'ROOM' AND room_use IN ('SHOP', 'OFFICE')
        ORDER BY md5(code || 'sr') LIMIT (SELECT ceil(count(*) * ${RATES.shopResidents} / 1000.0) FROM buildings.address WHERE level = 'ROOM' AND room_use IN ('SHOP', 'OFFICE'))) s
      JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM people.person) p ON p.n = s.n
      ON CONFLICT DO NOTHING`)).rowCount;
    await k.raw(`INSERT INTO public.bench_meta (key, value) VALUES ('monitor-registry', ?::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [JSON.stringify({ seededAt: dataset.seededAt, ...placed })]);
  } else {
    log('registry changes of this data set already placed');
  }
  await k.raw('ANALYZE events.event; ANALYZE cases.legal_case; ANALYZE people.residence; ANALYZE buildings.address');
  return placed;
}

/** Inserts `n` new events at random rooms and buildings of the district (one statement), reported now. */
async function insertNewEvents(db: Database, n: number, run: string): Promise<void> {
  await db.knex.raw(`
    INSERT INTO events.event (id, kind, source, severity, status, reported_at, description, address_code)
    SELECT 'bench-mon-new-' || ? || '-' || s.n,
      (ARRAY['SAFETY_HAZARD','FIRE_HAZARD','DISPUTE','PUBLIC_ORDER','SANITATION','ENVIRONMENT','TRAFFIC','OTHER'])[1 + (s.n % 8)::int],
      'APP', 'MEDIUM', 'REPORTED', now() - make_interval(mins => (s.n % 600)::int), 'bench: new event', s.code
    FROM (SELECT code, row_number() OVER (ORDER BY md5(code || ?)) AS n FROM buildings.address
          WHERE level IN ('BUILDING', 'ROOM') AND code LIKE ? ORDER BY md5(code || ?) LIMIT ?) s`, [run, run, `${DISTRICT}%`, run, n]);
}

// ---- the server

type Server = { child: ChildProcess; url: string; metricsUrl: string; pid: number; pids: number[] };

function startServer(extraEnv: Record<string, string> = {}, workers = 1): Promise<Server> {
  const child = spawn(process.execPath, [path.join(here, 'serve.ts'), 'hive', '--database-url', url, '--exit-with-stdin', ...(workers > 1 ? ['--workers', String(workers)] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { LOG_LEVEL: 'warn', ...process.env, ...extraEnv, DB_STATEMENT_TIMEOUT_MS: serverStatementTimeout, PGOPTIONS: [process.env.PGOPTIONS, '-c jit=off'].filter(Boolean).join(' ') },
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready":true')) {
        const msg = JSON.parse(line) as { url: string; metricsUrl: string; pid: number; pids?: number[] };
        resolve({ child, ...msg, pids: msg.pids ?? [msg.pid] });
      }
    });
    child.once('exit', (code) => reject(new Error(`bench/serve.ts exited (${code}) before it was ready`)));
  });
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.stdin!.end();
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function statements(s: Server): Promise<number> {
  const res = await fetch(s.metricsUrl, { signal: AbortSignal.timeout(30_000) });
  return sumCounter(await res.text(), 'db_queries_total');
}

/** User and system CPU seconds the server's processes have used (every worker's with --workers; Linux). */
function cpuSeconds(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return sum + (Number(fields[11]) + Number(fields[12])) / 100;
  }, 0);
}

// ---- the dashboard

/**
 * The indexes added for the dashboard, measured without and with in the same run:
 * migrations/events/20261211000000_open_event_index.ts, migrations/buildings/20261211000000_building_point_index.ts,
 * migrations/buildings/20261218000000_level_code_index.ts, migrations/alerts/20261218000000_live_alert_index.ts.
 */
const BEFORE_INDEXES = [['events', 'event_open_idx'], ['buildings', 'address_building_point_idx'], ['buildings', 'address_level_code_idx'], ['alerts', 'alert_live_address_idx']] as const;

const AREA_FIELDS = `code name level
    area { ring { longitude latitude } center { longitude latitude } buildingCount }
    residentCount
    open: events(status: [REPORTED, ASSIGNED], kind: $kinds, severity: $severities, since: $since, first: 0) { totalCount }
    openAlerts: alerts(status: [OPEN, ACKNOWLEDGED], first: 0) { totalCount }`;

/** map/page/map.js AREA_QUERY, verbatim. */
const AREA_QUERY = `query HazardMapArea($code: AddressCode!, $kinds: [EventKind!], $severities: [EventSeverity!], $since: DateTime) {
    address(code: $code) {
      ${AREA_FIELDS}
      fullName
      ancestors { code name level }
      children(first: 100) { edges { node { ${AREA_FIELDS} } } }
    }
  }`;

/** Every community of the district with the map's area fields. */
const COMMUNITIES_QUERY = `query DistrictCommunities($code: AddressCode!, $kinds: [EventKind!], $severities: [EventSeverity!], $since: DateTime) {
    addressesUnder(code: $code, levels: [COMMUNITY], first: 200) { edges { node { ${AREA_FIELDS} } } }
  }`;

type DashboardRow = { error?: string; query: string; variant: string; iterations: number; connections: number; p50: number; p99: number; max: number; statementsPerQuery: number; serverCpuMsPerQuery: number; areas: number; openEvents: number; openAlerts: number };

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function dashboard(s: Server, token: string, name: string, queryText: string, variant: string, connections: number): Promise<DashboardRow> {
  const body = JSON.stringify({ query: queryText, variables: { code: DISTRICT, kinds: null, severities: null, since: new Date(Date.now() - 90 * DAY_MS).toISOString() } });
  const ask = async () => {
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body, signal: AbortSignal.timeout(60_000) });
    const json = (await res.json()) as { data?: any; errors?: { message: string }[] };
    if (!res.ok || json.errors?.length || !json.data) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
    return json.data;
  };
  let data;
  try {
    data = await ask();
  } catch (err) {
    // a refused query (a statement timeout) is a finding of the run, not the end of it
    log(`${name} (${variant}): ${(err as Error).message.slice(0, 300)}`);
    return { query: name, variant, iterations: 0, connections, p50: NaN, p99: NaN, max: NaN, statementsPerQuery: NaN, serverCpuMsPerQuery: NaN, areas: 0, openEvents: 0, openAlerts: 0, error: (err as Error).message.slice(0, 300) };
  }
  const nodes: any[] = name === 'HazardMapArea' ? [data.address, ...data.address.children.edges.map((e: any) => e.node)] : data.addressesUnder.edges.map((e: any) => e.node);
  const areas = name === 'HazardMapArea' ? nodes.length - 1 : nodes.length;
  const sumOf = (f: (n: any) => number) => (name === 'HazardMapArea' ? f(nodes[0]) : nodes.reduce((a, n) => a + f(n), 0));
  for (let i = 0; i < 10; i++) await ask();
  await sleep(200);
  const st0 = await statements(s);
  const cpu0 = cpuSeconds(s.pids);
  const ms: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next++ < settings.iterations) {
      const t = performance.now();
      await ask();
      ms.push(performance.now() - t);
    }
  }));
  const cpu1 = cpuSeconds(s.pids);
  await sleep(200);
  const st1 = await statements(s);
  ms.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  const row: DashboardRow = {
    query: name, variant, iterations: ms.length, connections,
    p50: r(quantile(ms, 0.5)), p99: r(quantile(ms, 0.99)), max: r(ms[ms.length - 1]),
    statementsPerQuery: r((st1 - st0) / ms.length), serverCpuMsPerQuery: r(((cpu1 - cpu0) * 1000) / ms.length),
    areas, openEvents: sumOf((n) => n.open?.totalCount ?? 0), openAlerts: sumOf((n) => n.openAlerts?.totalCount ?? 0),
  };
  log(`${name} (${variant}, ${connections} clients): p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.statementsPerQuery} statements/query, ${row.serverCpuMsPerQuery} ms server CPU/query (${areas} areas, ${row.openAlerts} open alerts)`);
  return row;
}

// ---- the monitor

type MonitorRow = { run: string; seconds: number; operations: number; statements: number; serverStatements: number; alertsStatements: number; serverCpuSeconds: number; rules: MonitorRun['rules'] };

async function monitorRun(s: Server, alerts: Database, name: string, options: { full: boolean; only?: string[]; roomScan?: { shared: boolean; page: number }; roomIncremental?: boolean }): Promise<MonitorRow> {
  const st0 = await statements(s);
  const al0 = await dbQueryCount('alerts');
  const cpu0 = cpuSeconds(s.pids);
  const t0 = performance.now();
  const run = await runMonitor({ executor: httpExecutor(s.url), database: alerts, scope: DISTRICT, rules: loadRules(), full: options.full, only: options.only, roomScan: options.roomScan, roomIncremental: options.roomIncremental });
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds(s.pids);
  await sleep(200);
  const serverStatements = (await statements(s)) - st0;
  const alertsStatements = (await dbQueryCount('alerts')) - al0;
  const row: MonitorRow = {
    run: name, seconds: Math.round(seconds * 100) / 100, operations: run.rules.reduce((a, r) => a + r.operations, 0),
    statements: serverStatements + alertsStatements, serverStatements, alertsStatements, serverCpuSeconds: Math.round((cpu1 - cpu0) * 100) / 100, rules: run.rules,
  };
  log(`${name}: ${row.seconds} s, ${row.operations} operations, ${row.statements} statements; ${run.rules.map((r) => `${r.rule} ${r.mode} ${r.ms} ms ${r.operations} ops found ${r.found} raised ${r.raised} closed ${r.closed}`).join('; ')}`);
  return row;
}

// ---- the report

type Result = {
  date: string; commit: string; startedAt: string; scale: number; database: string;
  loadAverage: { before: number[]; afterDashboard: number[]; after: number[] }; cpus: number; cpuModel: string;
  dataset: Omit<Dataset, 'postgresVersion'>; postgres: string; placed: Record<string, number>; settings: typeof settings;
  dashboard: DashboardRow[]; monitor: MonitorRow[];
  targets: { name: string; target: string; measured: string; met: boolean }[];
};

function targetsOf(dash: DashboardRow[], mon: MonitorRow[]): Result['targets'] {
  const full = mon.find((m) => m.run === 'full')!;
  const inc = mon.find((m) => m.run === 'incremental')!;
  const incEvents = mon.find((m) => m.run === 'incremental, event rules');
  return [
    ...dash.filter((d) => d.variant.startsWith('now')).map((d) => ({ name: `dashboard ${d.query} p99, ${d.connections} concurrent client${d.connections === 1 ? '' : 's'}${d.variant === 'now' ? '' : `, ${d.variant.slice(5)}`}`, target: '< 50 ms', measured: d.error ? `failed: ${d.error.slice(0, 120)}` : `${d.p99} ms`, met: !d.error && d.p99 < 50 })),
    { name: `full rule run, scale ${settings.scale}`, target: '< 60 s', measured: `${full.seconds} s`, met: full.seconds < 60 },
    { name: `incremental run after ${settings.newEvents.toLocaleString('en')} new events (every rule)`, target: '< 2 s', measured: `${inc.seconds} s`, met: inc.seconds < 2 },
    ...(incEvents ? [{ name: 'the same, the event rules alone', target: '< 2 s', measured: `${incEvents.seconds} s`, met: incEvents.seconds < 2 }] : []),
  ];
}

const fmt = (n: number) => n.toLocaleString('en');

function markdown(r: Result): string {
  const rules = [...new Set(r.monitor.flatMap((m) => m.rules.map((x) => x.rule)))];
  return [
    `Run of ${r.date} at ${r.commit.slice(0, 12)}, scale ${r.scale} (${fmt(r.dataset.rowCounts.rooms)} rooms, ${fmt(r.dataset.rowCounts.buildings)} buildings, ${fmt(r.dataset.rowCounts.communities)} communities, ${fmt(r.dataset.rowCounts.events)} events); ` +
      `${r.cpus} cores shared by client, server and PostgreSQL (${r.postgres.split(' ')[0]}), load average ${r.loadAverage.before.map((x) => x.toFixed(1)).join(' ')} before, ${r.loadAverage.after.map((x) => x.toFixed(1)).join(' ')} after (other work on the machine: the times are not quiet figures; statements and operations are).`,
    '',
    `Dashboard (${r.settings.iterations} queries per row over that many concurrent clients, as a demo admin, the hazard map's 90-day default):`,
    '',
    '| query | variant | clients | p50 | p99 | max | SQL statements / query | server CPU / query | answer |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.dashboard.map((d) => d.error ? `| ${d.query} | ${d.variant} | ${d.connections} | failed: ${d.error.slice(0, 160).replaceAll('|', '/')} | | | | | |` : `| ${d.query} | ${d.variant} | ${d.connections} | ${d.p50} ms | ${d.p99} ms | ${d.max} ms | ${d.statementsPerQuery} | ${d.serverCpuMsPerQuery} ms | ${d.areas} areas, ${fmt(d.openEvents)} open events, ${fmt(d.openAlerts)} open alerts |`),
    '',
    'Monitor runs over the district (through the gateway as `monitor`):',
    '',
    `| run | seconds | gateway operations | SQL statements (server + alerts store) | server CPU | ${rules.join(' | ')} |`,
    `|---|---|---|---|---|${rules.map(() => '---').join('|')}|`,
    ...r.monitor.map((m) => `| ${m.run} | ${m.seconds} | ${fmt(m.operations)} | ${fmt(m.statements)} (${fmt(m.serverStatements)} + ${fmt(m.alertsStatements)}) | ${m.serverCpuSeconds} s | ${rules.map((id) => {
      const x = m.rules.find((y) => y.rule === id);
      return x ? `${(x.ms / 1000).toFixed(2)} s, ${x.operations} ops, ${x.mode === 'INCREMENTAL' ? `checked ${x.checked}, ` : ''}found ${fmt(x.found)}, +${fmt(x.raised)}/−${fmt(x.closed)}` : '—';
    }).join(' | ')} |`),
    '',
    'Targets (issue 12):',
    '',
    '| target | goal | measured | |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.met ? 'met' : '**missed**'} |`),
    '',
  ].join('\n');
}

function writeReadme(md: string): void {
  const file = path.join(root, 'README.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- bench-monitor:start -->';
  const end = '<!-- bench-monitor:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    log(`README.md has no ${start} … ${end} block; table not written there`);
    return;
  }
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${md}${text.slice(b)}`);
}

// ---- main

// The bench's own sessions (seeding, counting, placing rows) read whole tables: no statement
// timeout for them. The server keeps the configured one, as a deployment does.
const serverStatementTimeout = process.env.DB_STATEMENT_TIMEOUT_MS;
process.env.DB_STATEMENT_TIMEOUT_MS = '0';
const loadBefore = os.loadavg();
const startedAt = new Date().toISOString();
log(`database ${redactUrl(url)}, scale ${settings.scale}`);
const { postgresVersion, ...dataset } = await prepareDataset(url, settings.scale, parsed.values.reseed, log);
const setup = openDatabase('buildings', { url, poolMax: 1, statementTimeoutMs: 0 });
const alerts = openDatabase('alerts', { url, poolMax: 2, statementTimeoutMs: 0 });
let server: Server | null = null;
try {
  const placed = await placeRuleData(setup, dataset);
  log(`placed: ${Object.entries(placed).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  await alerts.knex.raw('TRUNCATE alerts.alert, alerts.monitor_run');
  server = await startServer();
  log(`server ready at ${server.url} (pid ${server.pid})`);
  const token = await signDevToken({ subject: 'bench', roles: ['admin'] });
  const monitor: MonitorRow[] = [];
  // before: a scan of the rooms per room rule at 1,000 a page (the path before 9644319)
  monitor.push(await monitorRun(server, alerts, 'full, before (a room scan per rule, 1,000 a page)', { full: true, roomScan: { shared: false, page: 1000 } }));
  await alerts.knex.raw('TRUNCATE alerts.alert, alerts.monitor_run');
  monitor.push(await monitorRun(server, alerts, 'full', { full: true }));
  const dash: DashboardRow[] = [];
  const most = Math.max(...settings.connections);
  // before: without the dashboard's indexes (the migrations named in BEFORE_INDEXES), dropped and rebuilt from their own definitions
  const dropped = await query<{ schemaname: string; indexname: string; indexdef: string }>(setup.knex,
    `SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE (schemaname, indexname) IN (SELECT * FROM unnest(?::text[], ?::text[]))`,
    [BEFORE_INDEXES.map((x) => x[0]), BEFORE_INDEXES.map((x) => x[1])]);
  if (dropped.length) {
    const without = `before (without ${dropped.map((d) => d.indexname).join(', ')})`;
    for (const d of dropped) await setup.knex.raw(`DROP INDEX ${d.schemaname}.${d.indexname}`);
    dash.push(await dashboard(server, token, 'HazardMapArea', AREA_QUERY, without, most));
    dash.push(await dashboard(server, token, 'DistrictCommunities', COMMUNITIES_QUERY, without, most));
    for (const d of dropped) await setup.knex.raw(d.indexdef);
    await setup.knex.raw('VACUUM ANALYZE events.event');
    await setup.knex.raw('VACUUM ANALYZE buildings.address');
    await setup.knex.raw('VACUUM ANALYZE alerts.alert');
  }
  // before: every area drawn on every request (the path before the area cache), a server of its own
  const uncached = await startServer({ AREA_CACHE_SECONDS: '0' });
  try {
    dash.push(await dashboard(uncached, token, 'HazardMapArea', AREA_QUERY, 'before (AREA_CACHE_SECONDS=0: areas drawn on every request)', most));
    dash.push(await dashboard(uncached, token, 'DistrictCommunities', COMMUNITIES_QUERY, 'before (AREA_CACHE_SECONDS=0: areas drawn on every request)', most));
  } finally {
    await stopServer(uncached);
  }
  for (const connections of settings.connections) {
    dash.push(await dashboard(server, token, 'HazardMapArea', AREA_QUERY, 'now', connections));
    dash.push(await dashboard(server, token, 'DistrictCommunities', COMMUNITIES_QUERY, 'now', connections));
  }
  // the same on both cores: WORKERS=2 (two copies of the system on one port, as `WORKERS=2 npm start`)
  const two = await startServer({}, 2);
  try {
    dash.push(await dashboard(two, token, 'HazardMapArea', AREA_QUERY, 'now, WORKERS=2', most));
    dash.push(await dashboard(two, token, 'DistrictCommunities', COMMUNITIES_QUERY, 'now, WORKERS=2', most));
  } finally {
    await stopServer(two);
  }
  const afterDashboard = os.loadavg();
  const runId = Date.now().toString(36);
  await insertNewEvents(setup, settings.newEvents, runId);
  // before: the room rules of an incremental run scanning every room (the path before the rooms' updatedAt), on the same new events
  monitor.push(await monitorRun(server, alerts, 'incremental, room rules, before (every room scanned)', { full: false, only: loadRules().filter(isRoomRule).map((r) => r.id), roomIncremental: false }));
  monitor.push(await monitorRun(server, alerts, 'incremental', { full: false }));
  await insertNewEvents(setup, settings.newEvents, `${runId}b`);
  monitor.push(await monitorRun(server, alerts, 'incremental, event rules', { full: false, only: loadRules().filter((r) => r.condition.kind === 'eventCount').map((r) => r.id) }));
  const commit = measuredCommit() ?? 'unknown';
  const cpus = os.cpus();
  const result: Result = {
    date: startedAt.slice(0, 10), commit, startedAt, scale: settings.scale, database: redactUrl(url),
    loadAverage: { before: loadBefore, afterDashboard, after: os.loadavg() }, cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    dataset, postgres: postgresVersion, placed, settings, dashboard: dash, monitor, targets: targetsOf(dash, monitor),
  };
  const md = markdown(result);
  const base = resultPath(['monitor', result.date, commitLabel(commit)]);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, `# Early warning at district scale\n\n${md}`);
  writeReadme(md);
  process.stdout.write(`${md}\nwritten: ${path.relative(root, base)}.json, .md; README.md table\n`);
} finally {
  if (server) await stopServer(server);
  await setup.close();
  await alerts.close();
}
