/**
 * `node bench/audit.ts [--records N] [--pglite]`
 *
 * Micro-benchmark of the durable audit writer (audit/writer.ts), not a test: C concurrent
 * "requests" each append one record and wait for its commit, then the next, as the subgraphs do.
 * For C = 1, 16 and 64 it reports records per second, records per audit.append call (how much group
 * commit gathers) and the append latency a request waits (p50 / p99 / max). The request-level cost
 * (with the gateway, beside the old answer-first path) is measured by `npm run bench -- --variants
 * hive,hive-audit-after`.
 *
 * The database is a dedicated one (AUDIT_BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/address_graph_audit_bench, created when missing) whose
 * audit schema is dropped and re-migrated every run: the log is append-only, so dropping the
 * schema is the only way to start empty. --pglite uses an in-memory PGlite instead.
 * Figures go to bench/results/audit-<date>.json and to stdout.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createAuditWriter, hashOperation, type AuditEntry } from '../audit/writer.ts';
import { migrateAudit } from '../audit/migrate.ts';
import { openDatabase, query, type Database } from '../lib/db.ts';
import { databaseName, redactUrl } from './options.ts';
import { measuredCommit, resultPath } from './report.ts';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '20000' }, pglite: { type: 'boolean', default: false } },
  strict: true,
});
const records = Number(values.records);
if (!(Number.isInteger(records) && records >= 1000)) {
  process.stderr.write('usage: node bench/audit.ts [--records N (>= 1000, default 20000)] [--pglite]\n');
  process.exit(2);
}
const url = values.pglite ? null : (process.env.AUDIT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/address_graph_audit_bench');
if (url && ['test', 'postgres', 'template0', 'template1'].includes(databaseName(url))) {
  process.stderr.write(`refusing to drop the audit schema of ${databaseName(url)}: name a dedicated database\n`);
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
  const database = url ? openDatabase('audit', { url, poolMax: 4 }) : openDatabase('audit', { url: null, pgliteDir: 'memory://audit-bench' });
  await database.knex.raw(`DROP SCHEMA IF EXISTS audit CASCADE`);
  await migrateAudit(database);
  return database;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `concurrency` producers append `n` records in all, each waiting for its commit before the next. */
async function concurrent(database: Database, concurrency: number, n: number) {
  const writer = createAuditWriter(database.knex, { name: `bench-${concurrency}` });
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      await writer.append(entry(i));
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  await writer.close();
  const s = writer.stats();
  if (s.written !== n) throw new Error(`wrote ${s.written} of ${n}`);
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    records: n,
    seconds: round(seconds),
    recordsPerSecond: Math.round(n / seconds),
    calls: s.flushes,
    recordsPerCall: round(n / s.flushes),
    appendLatencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1)!) },
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const database = await freshDatabase();
try {
  const runs = [];
  for (const concurrency of [1, 16, 64]) {
    const n = concurrency === 1 ? Math.min(records, 5000) : records;
    log(`${n.toLocaleString('en')} durable appends, ${concurrency} at a time`);
    runs.push(await concurrent(database, concurrency, n));
  }
  const [table] = await query<{ rows: number; size: string }>(database.knex, `SELECT count(*)::int AS rows, pg_size_pretty(pg_total_relation_size('audit.log')) AS size FROM audit.log`);

  const result = {
    date: new Date().toISOString(),
    commit: measuredCommit(),
    database: url ? redactUrl(url) : 'pglite (memory)',
    postgres: (await query<{ v: string }>(database.knex, 'SELECT version() AS v'))[0].v,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, note: 'shared with other processes while measured' },
    entry: 'subject, 1 role, 5 person ids, 3 address codes, purpose, client, request id',
    durable: runs,
    table,
  };
  const day = result.date.slice(0, 10);
  await writeFile(`${resultPath(['audit', day, !url && 'pglite'])}.json`, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await database.close();
}
