/**
 * `node bench/import.ts [ROWS] [--batch-size N] [--address-cache N] [--keep] [--rerun]`: import
 * throughput and memory.
 *
 * Generates ROWS (default 1,000,000) events in the department CSV format into a temporary file,
 * streaming it (a sample of the registry's room and building full names as addresses, written
 * the ways departments write them, plus a small share of rows that must be quarantined: another
 * district, an unknown address, a bad date, a duplicate id, a short line), then imports it with
 * importFile while sampling process.memoryUsage().rss every 50 ms. Records rows/s and peak RSS
 * to bench/results/import-<date>.json; progress goes to stderr, the summary to stdout.
 *
 * Needs PostgreSQL holding a registry (DATABASE_URL, e.g. after `npm run seed -- --size demo`).
 * The generated events are deleted afterwards unless --keep; --rerun imports the file a second
 * time, measuring the all-unchanged path too.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrlFor } from '../lib/config.ts';
import { csvLine, openDatabase, query, type Database } from '../lib/db.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { DEPARTMENT_FORMATS } from '../importer/formats.ts';
import type { ImportReport } from '../importer/report.ts';
import { resultPath } from './report.ts';
import { DEFAULT_ADDRESS_CACHE } from '../importer/addresses.ts';
import { DEFAULT_BATCH_SIZE, importFile } from '../importer/run.ts';

const RSS_SAMPLE_MS = 50;
/** Registry addresses sampled for the file: enough variety that the standardizer does real work. */
const ADDRESS_SAMPLE = 20_000;

const USAGE = `usage: node bench/import.ts [ROWS] [--batch-size N] [--address-cache N] [--keep] [--rerun]
  ROWS               events to generate and import (default 1000000)
  --batch-size N     records per batch (default ${DEFAULT_BATCH_SIZE})
  --address-cache N  distinct address texts remembered across batches (default ${DEFAULT_ADDRESS_CACHE}; 0 sends every
                     batch's texts to the standardizer)
  --keep             keep the imported events (default: delete them afterwards)
  --rerun            import the same file a second time (the all-unchanged path)
Needs DATABASE_URL (PostgreSQL) with a seeded registry.
`;

function log(line: string): void {
  process.stderr.write(`[bench:import] ${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'batch-size': { type: 'string' },
        'address-cache': { type: 'string' },
        keep: { type: 'boolean', default: false },
        rerun: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const rows = positionals.length ? Number(positionals[0]) : 1_000_000;
  if (positionals.length > 1 || !Number.isInteger(rows) || rows < 1) fail(`ROWS must be a positive integer, got "${positionals.join(' ')}"`);
  const batchSize = values['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) fail(`--batch-size must be a positive integer, got "${values['batch-size']}"`);
  const addressCache = values['address-cache'] === undefined ? DEFAULT_ADDRESS_CACHE : Number(values['address-cache']);
  if (!Number.isInteger(addressCache) || addressCache < 0) fail(`--address-cache must be a non-negative integer, got "${values['address-cache']}"`);
  return { rows, batchSize, addressCache, keep: values.keep, rerun: values.rerun };
}

/** Small deterministic PRNG (mulberry32), so the same ROWS give the same file. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['SAFETY_HAZARD', 'FIRE_HAZARD', 'DISPUTE', 'ILLEGAL_CONSTRUCTION', 'PUBLIC_ORDER', 'ENVIRONMENT', 'SANITATION', 'TRAFFIC', 'OTHER'];
const SOURCES = ['GRID_PATROL', 'HOTLINE_12345', 'SENSOR', 'APP', 'WALK_IN', 'REFERRAL'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const DESCRIPTIONS = ['楼道堆放杂物，阻塞消防通道', '电动车在室内充电', '噪音扰民', '违规搭建雨棚', '垃圾清运不及时', '路面积水, 影响通行'];

const FULLWIDTH_OFFSET = 0xff10 - 0x30;

/** A registry full name the way departments often write it: shortened, other markers, full-width digits, spaces. */
function messy(fullName: string, random: () => number): string {
  let text = fullName;
  if (random() < 0.3) text = text.replace('广东省深圳市', '');
  if (random() < 0.2) text = text.replace(/房$/, '室');
  if (random() < 0.1) text = text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + FULLWIDTH_OFFSET));
  if (random() < 0.1) text = text.replace(/(区|街道|社区)/g, '$1 ');
  return text;
}

/** Writes the events file, streaming. */
async function generate(file: string, rows: number, addresses: readonly string[], tag: string): Promise<void> {
  const random = prng(rows);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const columns = DEPARTMENT_FORMATS.events.columns;
  await write(csvLine(columns));
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < rows; i++) {
    const roll = random();
    // about 1% of rows are bad in one way or another, the rest are clean or merely messy
    if (roll < 0.001) {
      await write(`bench-${tag}-${i},OTHER,APP\n`); // a short line
      continue;
    }
    const id = roll < 0.002 && i > 0 ? `bench-${tag}-${i - 1}` : `bench-${tag}-${i}`; // a duplicate id
    const address = roll < 0.005 ? '深圳市罗湖区东门街道湖贝路28号' : roll < 0.008 ? '地址不详' : messy(pick(addresses), random);
    const reported = start + Math.floor(random() * 300 * 86_400_000);
    const status = pick(['REPORTED', 'ASSIGNED', 'RESOLVED', 'CLOSED']);
    const resolved = status === 'RESOLVED' || status === 'CLOSED' ? reported + Math.floor(random() * 7 * 86_400_000) : null;
    const iso = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
    const reportedAt = roll > 0.999 ? '2025-02-30T08:00:00+08:00' : iso(reported); // a bad date
    await write(csvLine([id, pick(KINDS), pick(SOURCES), pick(SEVERITIES), status, reportedAt, resolved === null ? null : iso(resolved), pick(DESCRIPTIONS), address]));
  }
  out.end();
  await once(out, 'finish');
}

/** Imports the file while sampling RSS; returns the report and the peak. */
async function measuredImport(file: string, target: Database, buildings: Database, batchSize: number, addressCache: number) {
  let peak = process.memoryUsage().rss;
  const baseline = peak;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, RSS_SAMPLE_MS);
  let lastLog = 0;
  const started = performance.now();
  try {
    const report = await importFile({
      kind: 'events',
      file,
      target,
      buildings,
      batchSize,
      addressCache,
      reportPath: `${file}.report.json`,
      onProgress: (p) => {
        peak = Math.max(peak, process.memoryUsage().rss);
        if (Date.now() - lastLog > 5000) {
          lastLog = Date.now();
          log(`${p.rowsIn} rows (${((100 * p.bytesRead) / p.totalBytes).toFixed(0)}%), rss ${mb(process.memoryUsage().rss)} MB`);
        }
      },
    });
    // the report times the rows; wall time adds migrations and building the registry index
    const wallSeconds = Math.round((performance.now() - started) / 100) / 10;
    return { report, wallSeconds, baselineRssMb: mb(baseline), peakRssMb: mb(peak) };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function figures(r: ImportReport) {
  return {
    seconds: r.seconds, rowsPerSecond: r.rowsPerSecond, rowsIn: r.rowsIn, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged,
    linked: r.linked, quarantined: r.quarantined, quarantinedByReason: r.quarantinedByReason,
    addressCells: r.addressCells, addressesStandardized: r.addressesStandardized,
  };
}

const opts = options();
if (!databaseUrlFor('events') || !databaseUrlFor('buildings')) fail('set DATABASE_URL to a PostgreSQL database holding a seeded registry');
const buildings = openDatabase('buildings', { poolMax: 4 });
const target = openDatabase('events', { poolMax: 4 });
const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-import-'));
const tag = Date.now().toString(36);
let exitCode = 0;
try {
  await migrateSubgraph(buildings);
  await migrateSubgraph(target);
  const addresses = (await query<{ fullName: string }>(buildings.knex,
    `SELECT full_name AS "fullName" FROM buildings.address WHERE level IN ('ROOM', 'BUILDING') ORDER BY md5(code) LIMIT ?`, [ADDRESS_SAMPLE]))
    .map((r) => r.fullName);
  if (!addresses.length) throw new Error('the registry is empty: seed it first (npm run seed -- --size demo)');
  const file = path.join(dir, `bench-events-${tag}.csv`);
  log(`generating ${opts.rows} rows from ${addresses.length} registry addresses`);
  const genStarted = performance.now();
  await generate(file, opts.rows, addresses, tag);
  log(`generated in ${((performance.now() - genStarted) / 1000).toFixed(1)} s; importing`);
  addresses.length = 0; // the sample is not the importer's memory

  const first = await measuredImport(file, target, buildings, opts.batchSize, opts.addressCache);
  log(`first import: ${first.report.rowsPerSecond} rows/s, peak rss ${first.peakRssMb} MB`);
  const second = opts.rerun ? await measuredImport(file, target, buildings, opts.batchSize, opts.addressCache) : null;
  if (second) log(`re-import: ${second.report.rowsPerSecond} rows/s, peak rss ${second.peakRssMb} MB`);

  const [pg] = await query<{ version: string }>(target.knex, 'SELECT version()');
  const result = {
    date: new Date().toISOString(),
    rows: opts.rows,
    batchSize: opts.batchSize,
    addressCache: opts.addressCache,
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    postgres: pg.version,
    registryAddresses: (await query<{ n: number }>(buildings.knex, 'SELECT count(*)::int AS n FROM buildings.address'))[0].n,
    firstImport: { ...figures(first.report), wallSeconds: first.wallSeconds, baselineRssMb: first.baselineRssMb, peakRssMb: first.peakRssMb },
    reimport: second ? { ...figures(second.report), wallSeconds: second.wallSeconds, baselineRssMb: second.baselineRssMb, peakRssMb: second.peakRssMb } : null,
  };
  const out = `${resultPath(['import', result.date.slice(0, 10)])}.json`;
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `imported ${opts.rows} events: ${first.report.rowsPerSecond} rows/s (${first.report.seconds.toFixed(1)} s), ` +
      `peak RSS ${first.peakRssMb} MB (baseline ${first.baselineRssMb} MB)\n` +
      (second ? `re-import (all unchanged): ${second.report.rowsPerSecond} rows/s, peak RSS ${second.peakRssMb} MB\n` : '') +
      `results: ${out}\n`,
  );
  if (!opts.keep) {
    log('deleting the imported events');
    await target.knex.raw(`DELETE FROM events.event WHERE id >= ? AND id < ?`, [`bench-${tag}-`, `bench-${tag}.`]);
    await target.knex.raw(`DELETE FROM events.import_quarantine WHERE (record_id >= ? AND record_id < ?) OR file_name = ?`,
      [`bench-${tag}-`, `bench-${tag}.`, path.basename(file)]);
  }
} catch (error) {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
  await buildings.close();
  await target.close();
}
process.exit(exitCode);
