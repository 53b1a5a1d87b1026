/**
 * The benchmark's own PostgreSQL database: created when missing, migrated, and seeded only when
 * it is empty, when the requested scale differs from the recorded one, or when the seed
 * generator or the migrations changed since it was loaded. public.bench_meta records what is
 * loaded.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SUBGRAPHS, type SubgraphName } from '../lib/config.ts';
import { openDatabase, type Database } from '../lib/db.ts';
import { migrateSubgraph } from '../lib/migrate.ts';
import { migrateAudit } from '../audit/migrate.ts';
import { migrateAccess } from '../access/migrate.ts';
import { isSeeded, seed } from '../seeds/load.ts';
import { databaseName } from './options.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the bench database holds, for the report. */
export type Dataset = {
  scale: number;
  /** When the data was loaded, and how long that took. */
  seededAt: string;
  seedSeconds: number;
  /** True when this run (re)loaded the data. */
  reseededNow: boolean;
  rowCounts: Record<string, number>;
  postgresVersion: string;
};

type SeedMeta = { scale: number; fingerprint: string; seededAt: string; seedSeconds: number };

/**
 * Files of seeds/ that write department files or read the command line, not database rows:
 * changing them (the messy text styles, a CLI flag) needs no reload.
 */
const NOT_LOADED = new Set(['messy.ts', 'departments.ts', 'cli.ts']);

/** Hash of everything that decides the loaded data: the seed generator and the migrations. */
export function dataFingerprint(): string {
  const hash = createHash('sha256');
  for (const dir of ['seeds', path.join('migrations', '_shared'), ...SUBGRAPHS.map((s) => path.join('migrations', s))]) {
    const files = readdirSync(path.join(root, dir)).filter((f) => !f.endsWith('.test.ts') && !(dir === 'seeds' && NOT_LOADED.has(f))).sort();
    for (const f of files) {
      hash.update(`${dir}/${f}\0`);
      hash.update(readFileSync(path.join(root, dir, f)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Creates the database through the `postgres` maintenance database when it does not exist. */
async function ensureDatabase(url: string, log: (line: string) => void): Promise<void> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      log(`creating database ${name}`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
}

async function readMeta(db: Database): Promise<SeedMeta | null> {
  await db.knex.raw(`CREATE TABLE IF NOT EXISTS public.bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
  const row = await db.knex('public.bench_meta').where({ key: 'seed' }).first('value');
  return (row?.value as SeedMeta | undefined) ?? null;
}

async function writeMeta(db: Database, meta: SeedMeta): Promise<void> {
  await db.knex.raw(
    `INSERT INTO public.bench_meta (key, value) VALUES ('seed', ?::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify(meta)],
  );
}

async function countRows(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.knex.raw(`
    SELECT
      (SELECT count(*) FROM buildings.address) AS addresses,
      (SELECT count(*) FROM buildings.address WHERE level = 'COMMUNITY') AS communities,
      (SELECT count(*) FROM buildings.address WHERE level = 'BUILDING') AS buildings,
      (SELECT count(*) FROM buildings.address WHERE level = 'ROOM') AS rooms,
      (SELECT count(*) FROM people.person) AS people,
      (SELECT count(*) FROM people.residence WHERE until IS NULL) AS "currentResidences",
      (SELECT count(*) FROM entities.legal_entity) AS "legalEntities",
      (SELECT count(*) FROM events.event) AS events,
      (SELECT count(*) FROM cases.legal_case) AS cases`);
  return rows[0] as Record<string, number>;
}

/** The audit schema every variant with subgraphs appends to (kept across runs: it is append-only), and the API keys beside it. */
async function migrateAuditSchema(url: string): Promise<void> {
  const audit = openDatabase('audit', { url, poolMax: 1 });
  const access = openDatabase('access', { url, poolMax: 1 });
  try {
    await migrateAudit(audit);
    await migrateAccess(access);
  } finally {
    await audit.close();
    await access.close();
  }
}

/**
 * Makes the bench database hold the data set of `scale`, loading it only when needed, and
 * describes it. Progress goes to `log`.
 */
export async function prepareDataset(url: string, scale: number, reseed: boolean, log: (line: string) => void): Promise<Dataset> {
  await ensureDatabase(url, log);
  const databases = Object.fromEntries(SUBGRAPHS.map((s) => [s, openDatabase(s, { url, poolMax: 2 })])) as Record<SubgraphName, Database>;
  try {
    const fingerprint = dataFingerprint();
    let meta = await readMeta(databases.buildings);
    const reason =
      reseed ? '--reseed given'
      : !meta ? 'no data set recorded'
      : meta.scale !== scale ? `recorded scale ${meta.scale}, requested ${scale}`
      : meta.fingerprint !== fingerprint ? 'the seed generator or migrations changed since the last load'
      : null;
    let reseededNow = false;
    if (reason === null) {
      for (const s of SUBGRAPHS) await migrateSubgraph(databases[s]);
      await migrateAuditSchema(url);
      if (!(await isSeeded(databases))) throw new Error('bench_meta says the data is loaded but buildings.address is empty; rerun with --reseed');
      log(`data set of scale ${scale} already loaded (${meta!.seededAt})`);
    } else {
      log(`loading scale ${scale} (${reason}): dropping and re-migrating the five schemas`);
      for (const s of SUBGRAPHS) await databases[s].knex.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [s]);
      for (const s of SUBGRAPHS) await migrateSubgraph(databases[s]);
      await migrateAuditSchema(url);
      const started = Date.now();
      let lastReport = 0;
      await seed(databases, { scale }, ({ table, rows }) => {
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now();
          log(`  seeding… ${table} ${rows.toLocaleString('en')} rows (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      });
      meta = { scale, fingerprint, seededAt: new Date().toISOString(), seedSeconds: (Date.now() - started) / 1000 };
      await writeMeta(databases.buildings, meta);
      reseededNow = true;
      log(`loaded in ${meta.seedSeconds.toFixed(1)} s`);
    }
    const rowCounts = await countRows(databases.buildings);
    const { rows } = await databases.buildings.knex.raw(`SELECT current_setting('server_version') AS v`);
    return {
      scale,
      seededAt: meta!.seededAt,
      seedSeconds: meta!.seedSeconds,
      reseededNow,
      rowCounts,
      postgresVersion: rows[0].v as string,
    };
  } finally {
    for (const db of Object.values(databases)) await db.close();
  }
}

/**
 * A fixed, pseudo-random sample of `n` addresses of one level for the spread workload (the same
 * sample on every run over the same data): rooms with at least one current resident, any
 * building, any community.
 */
export async function sampleCodes(url: string, level: 'ROOM' | 'BUILDING' | 'COMMUNITY', n: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sql =
      level === 'ROOM'
        ? `/* bench.sampleRooms */ SELECT code FROM (
             SELECT DISTINCT r.address_code AS code FROM people.residence r WHERE r.until IS NULL AND length(r.address_code) = 25) x
           ORDER BY md5(code) LIMIT $1`
        : `/* bench.sampleAddresses */ SELECT a.code FROM buildings.address a WHERE a.level = $2 ORDER BY md5(a.code) LIMIT $1`;
    const { rows } = await client.query<{ code: string }>(sql, level === 'ROOM' ? [n] : [n, level]);
    return rows.map((r) => r.code);
  } finally {
    await client.end();
  }
}
