/**
 * `node bench/audit.ts [--records N] [--pglite]`
 *
 * Micro-benchmark of the audit writer (lib/audit.ts), not a test:
 * - record(): nanoseconds per call on the request path (the writer's database is a stub, so
 *   nothing but queueing is measured), next to a bare array push and a cached hashOperation();
 * - sustained writes: records per second into people.audit_log when a producer records as fast
 *   as it can (bounded by maxQueue), for several maxBatch sizes, with the INSERT duration per
 *   batch and the event-loop delay (p50/p99/max) the writer's encoding and I/O add meanwhile;
 * - a paced run at a realistic request rate: records per INSERT statement.
 *
 * The database is a dedicated one (AUDIT_BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/address_graph_audit_bench, created when missing) whose
 * people schema is dropped and re-migrated every run: the log is append-only, so dropping the
 * schema is the only way to start empty. --pglite uses an in-memory PGlite instead.
 * Figures go to bench/results/audit-<date>.json and to stdout.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createAuditWriter, hashOperation, type AuditEntry } from '../lib/audit.ts';
import { openDatabase, query, type Database, type Db } from '../lib/db.ts';
import { registry } from '../lib/metrics.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { databaseName, redactUrl } from './options.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { records: { type: 'string', default: '200000' }, pglite: { type: 'boolean', default: false } },
  strict: true,
});
const records = Number(values.records);
if (!(Number.isInteger(records) && records >= 10_000)) {
  process.stderr.write('usage: node bench/audit.ts [--records N (>= 10000, default 200000)] [--pglite]\n');
  process.exit(2);
}
const url = values.pglite ? null : (process.env.AUDIT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/address_graph_audit_bench');
if (url && ['test', 'postgres', 'template0', 'template1'].includes(databaseName(url))) {
  process.stderr.write(`refusing to drop the people schema of ${databaseName(url)}: name a dedicated database\n`);
  process.exit(2);
}
const log = (line: string) => process.stderr.write(`${line}\n`);

const QUERY = 'query Residents($code: ID!) { address(code: $code) { residents(first: 20) { edges { node { id name } } } } }';

/** A typical entry: a page of residents of one building. */
function entry(i: number): AuditEntry {
  const building = `44030600960102${String(i % 100_000).padStart(5, '0')}`;
  return {
    subject: `officer-${i % 500}`,
    roles: ['people:read'],
    subgraph: 'people',
    operationName: 'Residents',
    operationHash: hashOperation(QUERY),
    clientName: 'bench',
    purpose: 'case 2026-0042',
    personIds: [`P${i}`, `P${i + 1}`, `P${i + 2}`, `P${i + 3}`, `P${i + 4}`],
    addressCodes: [`${building}0A0101`, `${building}0A0102`, building],
    requestId: `req-${i}`,
  };
}

async function ensureDatabase(target: string): Promise<void> {
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const name = databaseName(target);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<Database> {
  if (url) await ensureDatabase(url);
  const database = url ? openDatabase('people', { url, poolMax: 4 }) : openDatabase('people', { url: null, pgliteDir: 'memory://audit-bench' });
  await database.knex.raw(`DROP SCHEMA IF EXISTS people CASCADE`);
  await migrateSubgraph(database);
  return database;
}

/** ns per call of fn over n calls, after a warm-up of n / 10. */
function nsPerCall(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < n / 10; i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Math.round((Number(process.hrtime.bigint() - start) / n) * 10) / 10;
}

async function flushStats(name: string) {
  const { values: v } = await registry.getSingleMetric('audit_flush_duration_seconds')!.get();
  const pick = (suffix: string) => v.find((x) => (x as { metricName?: string }).metricName === `audit_flush_duration_seconds_${suffix}` && x.labels.subgraph === name && x.labels.outcome === 'ok')?.value ?? 0;
  return { sum: pick('sum'), count: pick('count') };
}

/** Records `n` entries as fast as the queue allows; returns writes/s and what the event loop felt. */
async function sustained(database: Database, maxBatch: number, n: number) {
  const name = `bench-${maxBatch}`;
  const writer = createAuditWriter(database.knex, { name, maxBatch });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const before = await flushStats(name);
  loop.enable();
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    writer.record(entry(i));
    if (i % 1000 === 999) {
      await nextTurn();
      // stay under maxQueue: this measures what the database absorbs, not how much the queue drops
      while (writer.stats().queued > 40_000) await sleep(1);
    }
  }
  await writer.flush();
  const seconds = (performance.now() - start) / 1000;
  loop.disable();
  await writer.close();
  const after = await flushStats(name);
  const s = writer.stats();
  if (s.written !== n) throw new Error(`wrote ${s.written} of ${n}`);
  return {
    maxBatch,
    records: n,
    seconds: round(seconds),
    writesPerSecond: Math.round(n / seconds),
    inserts: s.flushes,
    meanInsertMs: round(((after.sum - before.sum) / (after.count - before.count)) * 1000),
    eventLoopDelayMs: { p50: round(loop.percentile(50) / 1e6), p99: round(loop.percentile(99) / 1e6), max: round(loop.max / 1e6) },
  };
}

/** `rate` records per second for `seconds`, as requests would arrive: records per statement. */
async function paced(database: Database, rate: number, seconds: number) {
  const writer = createAuditWriter(database.knex, { name: `bench-paced-${rate}` });
  const perTick = rate / 100;
  let i = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 10) * perTick);
    for (; i < due; i++) writer.record(entry(i));
    await sleep(10);
  }
  await writer.close();
  const s = writer.stats();
  return { ratePerSecond: rate, seconds, records: s.written, inserts: s.flushes, recordsPerInsert: round(s.written / s.flushes) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const database = await freshDatabase();
try {
  log(`record() cost over ${records.toLocaleString('en')} calls`);
  const stub = { raw: async () => ({ rows: [] }) } as unknown as Db;
  const queueOnly = createAuditWriter(stub, { name: 'bench-stub', flushMs: 3_600_000, maxBatch: 1000 });
  const entries = Array.from({ length: 1000 }, (_, i) => entry(i));
  const sink: AuditEntry[] = [];
  // in rounds of 1,000 with a (stub) flush between, untimed, as the timer would: the queue stays
  // the size it has in service instead of growing to `records` entries and timing the GC
  const recordNs = async () => {
    let ns = 0;
    for (let round = 0; round < records / 1000; round++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 1000; i++) queueOnly.record(entries[i]);
      if (round >= records / 10_000) ns += Number(process.hrtime.bigint() - start); // first tenth: warm-up
      await queueOnly.flush();
    }
    return Math.round((ns / (records - Math.ceil(records / 10_000) * 1000)) * 10) / 10;
  };
  const recordCost = {
    recordNs: await recordNs(),
    arrayPushNs: nsPerCall(records, (i) => { sink.push(entries[i % 1000]); }),
    hashOperationCachedNs: nsPerCall(records, () => { hashOperation(QUERY); }),
    hashOperationUncachedNs: nsPerCall(20_000, (i) => { hashOperation(`${QUERY} # ${i}`); }),
  };
  sink.length = 0;
  await queueOnly.close();

  const runs = [];
  for (const maxBatch of [100, 500, 2000]) {
    log(`sustained writes, maxBatch ${maxBatch}`);
    runs.push(await sustained(database, maxBatch, records));
  }
  log('paced: 2,000 records/s for 5 s');
  const pacedRun = await paced(database, 2000, 5);
  const [table] = await query<{ rows: number; size: string }>(database.knex, `SELECT count(*)::int AS rows, pg_size_pretty(pg_total_relation_size('people.audit_log')) AS size FROM people.audit_log`);

  const result = {
    date: new Date().toISOString(),
    database: url ? redactUrl(url) : 'pglite (memory)',
    postgres: (await query<{ v: string }>(database.knex, 'SELECT version() AS v'))[0].v,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    entry: 'subject, 1 role, 5 person ids, 3 address codes, purpose, client, request id',
    recordCost,
    sustained: runs,
    paced: pacedRun,
    table,
  };
  const day = result.date.slice(0, 10);
  await mkdir(path.join(root, 'bench/results'), { recursive: true });
  await writeFile(path.join(root, `bench/results/audit-${day}${url ? '' : '-pglite'}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await database.close();
}
