/**
 * `npm run db` and the migration runner (lib/migrations/), on the database the suite runs on
 * (PostgreSQL with DATABASE_URL, else PGlite). Migrations of their own go in temporary folders
 * and target schemas of their own (`ag_mig_<random>`), so nothing here touches the fixture's
 * schemas; the real migrations are applied to scratch databases.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../lib/db.ts';
import { chain, compareManifest, computeManifest, readManifest } from '../lib/migrations/checksums.ts';
import { SCHEMAS } from '../lib/migrations/files.ts';
import { lintMigrations } from '../lib/migrations/lint.ts';
import { planMigrations } from '../lib/migrations/plan.ts';
import { down, MigrationHistoryError, MigrationLockedError, status, up } from '../lib/migrations/runner.ts';
import { runCli } from './support/cli.ts';
import { scratchAudit, type ScratchAudit } from './support/scratch-audit.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const onPostgres = Boolean(process.env.DATABASE_URL);
const SETTINGS = { lockTimeoutMs: 5000, statementTimeoutMs: 60_000 };
const SLOW = 240_000;

// --- temporary migration folders ---

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** A folder of migrations `{ '20260101000001_a.ts': 'export async function up(knex) {...}' }` for schema `schema`. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'address-graph-migrations-'));
  folders.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

/** A migration that runs `up` statements and reverses them with `down` statements. */
function migration(upSql: string[], downSql: string[] = [], extra = ''): string {
  const lines = (sql: string[]) => sql.map((s) => `  await knex.raw(${JSON.stringify(s)});`).join('\n');
  return `${extra}\nexport async function up(knex) {\n${lines(upSql)}\n}\nexport async function down(knex) {\n${lines(downSql)}\n}\n`;
}

function schemaName(): string {
  return `ag_mig_${randomBytes(4).toString('hex')}`;
}

// --- one database for the runner's own tests: the fixture's PostgreSQL, or an in-memory PGlite ---

let database: Database;
const schemas: string[] = [];
beforeAll(() => {
  database = onPostgres
    ? openDatabase('buildings', { url: process.env.DATABASE_URL!, poolMax: 2 })
    : openDatabase('buildings', { url: null, pgliteDir: `memory://db-test-${randomBytes(4).toString('hex')}` });
});
afterAll(async () => {
  for (const s of schemas) await database.knex.raw(`DROP SCHEMA IF EXISTS ?? CASCADE`, [s]);
  await database.close();
});

function target(): string {
  const s = schemaName();
  schemas.push(s);
  return s;
}

async function tables(schema: string): Promise<string[]> {
  const { rows } = await database.knex.raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name`, [schema]);
  return rows.map((r: { table_name: string }) => r.table_name);
}

async function historyNames(schema: string): Promise<string[]> {
  const { rows } = await database.knex.raw(`SELECT name FROM ??.knex_migrations ORDER BY id`, [schema]);
  return rows.map((r: { name: string }) => r.name);
}

describe('the committed checksum file', () => {
  it('matches every migration file (regenerate with npm run db -- checksums --write after review)', () => {
    const committed = readManifest();
    expect(committed).not.toBeNull();
    expect(compareManifest(committed)).toEqual([]);
    const actual = computeManifest();
    expect(committed!.total).toBe(actual.total);
    // the total chains the schemas' chains in apply order
    expect(actual.total).toBe(chain(SCHEMAS.map((s) => `${s} ${actual.schemas[s].chain}`)));
  });

  it('names an edited, an added and a removed migration', () => {
    const committed = structuredClone(readManifest()!);
    const people = committed.schemas.people.migrations;
    people['20261126000000_people.ts'] = '0'.repeat(64);
    delete people['20261127000000_import.ts'];
    people['20990101000000_gone.ts'] = '1'.repeat(64);
    expect(compareManifest(committed)).toEqual([
      { migration: 'people/20261126000000_people.ts', problem: 'edited', committed: '0'.repeat(64), actual: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { migration: 'people/20261127000000_import.ts', problem: 'added', actual: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { migration: 'people/20990101000000_gone.ts', problem: 'removed', committed: '1'.repeat(64) },
    ]);
  });

  it('records the emptied people migration as an explicit, explained exception', () => {
    const accepted = readManifest()!.accepted.find((a) => a.migration === 'people/20261127010000_audit_log.ts');
    expect(accepted?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(accepted?.why).toContain('emptied on purpose');
  });
});

describe('the runner', () => {
  it('applies pending migrations in order, records their checksums, and applies nothing the second time', async () => {
    const schema = target();
    const directory = folder({
      '20260101000001_a.ts': migration([`CREATE TABLE ${schema}.a (id bigint PRIMARY KEY)`], [`DROP TABLE ${schema}.a`]),
      '20260101000002_b.ts': migration([`CREATE TABLE ${schema}.b (id bigint PRIMARY KEY)`], [`DROP TABLE ${schema}.b`]),
    });
    const first = await up(database, { schema, directory });
    expect(first.applied).toEqual(['20260101000001_a.ts', '20260101000002_b.ts']);
    expect(await tables(schema)).toEqual(['a', 'b', 'knex_migrations', 'migration_checksums']);
    expect((await up(database, { schema, directory })).applied).toEqual([]);
    const s = await status(database, { schema, directory });
    expect(s.pending).toEqual([]);
    expect(s.problems).toEqual([]);
    expect(s.applied.map((a) => [a.name, a.batch, a.recorded, a.state])).toEqual([
      ['20260101000001_a.ts', 1, 'applied', 'ok'],
      ['20260101000002_b.ts', 1, 'applied', 'ok'],
    ]);
  });

  it('reports an edited and a missing applied migration by name, and then runs nothing', async () => {
    const schema = target();
    const directory = folder({
      '20260101000001_a.ts': migration([`CREATE TABLE ${schema}.a (id bigint PRIMARY KEY)`]),
      '20260101000002_b.ts': migration([`CREATE TABLE ${schema}.b (id bigint PRIMARY KEY)`]),
    });
    await up(database, { schema, directory });
    writeFileSync(path.join(directory, '20260101000001_a.ts'), migration([`CREATE TABLE ${schema}.a (id bigint PRIMARY KEY, note text)`]));
    unlinkSync(path.join(directory, '20260101000002_b.ts'));
    writeFileSync(path.join(directory, '20260101000003_c.ts'), migration([`CREATE TABLE ${schema}.c (id bigint PRIMARY KEY)`]));

    const s = await status(database, { schema, directory });
    expect(s.problems.map((p) => [p.migration, p.problem])).toEqual([
      [`${schema}/20260101000001_a.ts`, 'edited'],
      [`${schema}/20260101000002_b.ts`, 'missing'],
    ]);
    expect(s.pending).toEqual(['20260101000003_c.ts']);
    const refused = await up(database, { schema, directory }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MigrationHistoryError);
    expect((refused as Error).message).toContain(`${schema}/20260101000001_a.ts edited`);
    expect((refused as Error).message).toContain(`${schema}/20260101000002_b.ts missing`);
    expect(await tables(schema)).not.toContain('c');
    expect(await historyNames(schema)).toEqual(['20260101000001_a.ts', '20260101000002_b.ts']);
  });

  it('refuses a pending migration older than an applied one (out of order)', async () => {
    const schema = target();
    const directory = folder({ '20260101000002_b.ts': migration([`CREATE TABLE ${schema}.b (id bigint)`]) });
    await up(database, { schema, directory });
    writeFileSync(path.join(directory, '20260101000001_a.ts'), migration([`CREATE TABLE ${schema}.a (id bigint)`]));
    const s = await status(database, { schema, directory });
    expect(s.problems).toEqual([{ migration: `${schema}/20260101000001_a.ts`, problem: 'out-of-order', detail: 'pending, but older than 20260101000002_b.ts, which is applied' }]);
    await expect(up(database, { schema, directory })).rejects.toThrow(MigrationHistoryError);
  });

  it('rolls a failing migration back whole, with its history rows, and keeps the ones before it', async () => {
    const schema = target();
    const directory = folder({
      '20260101000001_a.ts': migration([`CREATE TABLE ${schema}.a (id bigint)`]),
      '20260101000002_b.ts': migration([`CREATE TABLE ${schema}.b (id bigint)`, `SELECT * FROM ${schema}.no_such_table`]),
    });
    await expect(up(database, { schema, directory })).rejects.toThrow(/no_such_table/);
    expect(await tables(schema)).toEqual(['a', 'knex_migrations', 'migration_checksums']);
    expect(await historyNames(schema)).toEqual(['20260101000001_a.ts']);
  });

  it('down reverts the newest migration, and --to every one after the named one', async () => {
    const schema = target();
    const make = (n: string) => migration([`CREATE TABLE ${schema}.${n} (id bigint)`], [`DROP TABLE ${schema}.${n}`]);
    const directory = folder({ '20260101000001_a.ts': make('a'), '20260101000002_b.ts': make('b'), '20260101000003_c.ts': make('c'), '20260101000004_d.ts': make('d') });
    await up(database, { schema, directory });
    expect((await down(database, { schema, directory })).reverted).toEqual(['20260101000004_d.ts']);
    expect((await down(database, { schema, directory, to: '20260101000001_a.ts' })).reverted).toEqual(['20260101000003_c.ts', '20260101000002_b.ts']);
    expect(await tables(schema)).toEqual(['a', 'knex_migrations', 'migration_checksums']);
    expect((await status(database, { schema, directory })).pending).toEqual(['20260101000002_b.ts', '20260101000003_c.ts', '20260101000004_d.ts']);
    await expect(down(database, { schema, directory, to: '20260101000009_x.ts' })).rejects.toThrow(`--to 20260101000009_x.ts: not an applied migration of schema ${schema} (applied: 20260101000001_a.ts)`);
  });

  it('runs a migration with config.transaction = false outside a transaction (CREATE INDEX CONCURRENTLY)', async () => {
    const schema = target();
    const directory = folder({
      '20260101000001_a.ts': migration([`CREATE TABLE ${schema}.a (id bigint, v text)`, `INSERT INTO ${schema}.a SELECT g, g::text FROM generate_series(1, 100) g`]),
      '20260101000002_a_v.ts': migration([`CREATE INDEX CONCURRENTLY IF NOT EXISTS a_v_idx ON ${schema}.a (v)`], [], 'export const config = { transaction: false };'),
    });
    expect((await up(database, { schema, directory })).applied).toEqual(['20260101000001_a.ts', '20260101000002_a_v.ts']);
    const { rows } = await database.knex.raw(`SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = 'a'`, [schema]);
    expect(rows.map((r: { indexname: string }) => r.indexname)).toEqual(['a_v_idx']);
  });

  it('adopts a schema knex migrated: nothing re-runs, the checksums are recorded as adopted', async () => {
    const schema = target();
    const directory = folder({
      '20260101000001_a.ts': migration([`CREATE TABLE ${schema}.a (id bigint)`]),
      '20260101000002_b.ts': migration([`INSERT INTO ${schema}.a VALUES (1)`]),
    });
    // what `npm run migrate` did before this runner: knex's own migrator, its lock table and all
    await database.knex.raw(`CREATE SCHEMA ??`, [schema]);
    await database.knex.migrate.latest({ directory, schemaName: schema, tableName: 'knex_migrations', loadExtensions: ['.ts'] });
    expect((await status(database, { schema, directory })).applied.map((a) => a.recorded)).toEqual(['unrecorded', 'unrecorded']);
    const result = await up(database, { schema, directory });
    expect(result).toEqual({ schema, applied: [], adopted: 2 });
    const { rows } = await database.knex.raw(`SELECT count(*)::int AS n FROM ??.a`, [schema]);
    expect(rows[0].n).toBe(1); // the INSERT did not run again
    const s = await status(database, { schema, directory });
    expect(s.applied.map((a) => [a.recorded, a.state])).toEqual([
      ['adopted', 'ok'],
      ['adopted', 'ok'],
    ]);
  });

  it.runIf(onPostgres)('waits for another run holding the schema lock, then reports who holds it', async () => {
    const schema = target();
    const directory = folder({ '20260101000001_a.ts': migration([`CREATE TABLE ${schema}.a (id bigint)`]) });
    const holder = knexFactory({ client: 'pg', connection: { connectionString: process.env.DATABASE_URL, application_name: 'db-test-holder' }, pool: { min: 1, max: 1 } });
    try {
      await holder.raw(`SELECT pg_advisory_lock(hashtext('address-graph:migrate'), hashtext(?))`, [schema]);
      const refused = await up(database, { schema, directory, lockWaitMs: 200 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MigrationLockedError);
      expect((refused as Error).message).toMatch(new RegExp(`schema ${schema} is being migrated by backend \\d+ \\(db-test-holder, connected `));
      expect(await tables(schema)).toEqual([]);
    } finally {
      await holder.destroy();
    }
    expect((await up(database, { schema, directory, lockWaitMs: 0 })).applied).toEqual(['20260101000001_a.ts']);
  });
});

describe('plan and lint', () => {
  it(
    'plan shows the exact SQL of each pending migration and changes nothing; lint fails on unsafe SQL and passes the safe form',
    async () => {
      const schema = target();
      const directory = folder({
        '20260101000001_t.ts': migration([`CREATE TABLE ${schema}.t (id bigint PRIMARY KEY)`, `CREATE INDEX t_id_idx ON ${schema}.t (id)`]),
        '20260101000002_unsafe.ts': migration([`CREATE INDEX t_late_idx ON ${schema}.t (id)`, `ALTER TABLE ${schema}.t ADD COLUMN code text NOT NULL`]),
        '20260101000003_safe.ts': migration(
          [`CREATE INDEX CONCURRENTLY IF NOT EXISTS t_safe_idx ON ${schema}.t (id)`, `ALTER TABLE ${schema}.t ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'x'`],
          [],
          'export const config = { transaction: false };',
        ),
      });
      await up(database, { schema, directory, only: new Set(['20260101000001_t.ts']) });
      const before = { tables: await tables(schema), history: await historyNames(schema) };

      const s = await status(database, { schema, directory });
      const planned = await planMigrations([{ schema, directory, applied: s.applied.map((a) => a.name) }]);
      expect(planned).toEqual([
        { schema, name: '20260101000002_unsafe.ts', transaction: true, statements: [`CREATE INDEX t_late_idx ON ${schema}.t (id)`, `ALTER TABLE ${schema}.t ADD COLUMN code text NOT NULL`] },
        {
          schema,
          name: '20260101000003_safe.ts',
          transaction: false,
          statements: [`CREATE INDEX CONCURRENTLY IF NOT EXISTS t_safe_idx ON ${schema}.t (id)`, `ALTER TABLE ${schema}.t ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'x'`],
        },
      ]);
      // the target is as it was: no table, no column, no history row
      expect({ tables: await tables(schema), history: await historyNames(schema) }).toEqual(before);
      const { rows } = await database.knex.raw(`SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = 't' ORDER BY column_name`, [schema]);
      expect(rows.map((r: { column_name: string }) => r.column_name)).toEqual(['id']);

      const { findings, failures } = await lintMigrations(planned, SETTINGS);
      const failed = findings.filter((f) => f.excepted === null).map((f) => [f.migration, f.rule, f.statement]);
      expect(failed).toEqual(
        expect.arrayContaining([
          [`${schema}/20260101000002_unsafe.ts`, 'require-concurrent-index-creation', 1],
          [`${schema}/20260101000002_unsafe.ts`, 'adding-required-field', 2],
        ]),
      );
      expect(failures).toBe(failed.length);
      expect(findings.filter((f) => f.migration.endsWith('_safe.ts'))).toEqual([]);
    },
    SLOW,
  );
});

// --- the command line on scratch databases with the real migrations ---

type Scratch = { scratch: ScratchAudit; env: Record<string, string> };
const scratches: ScratchAudit[] = [];
afterEach(async () => {
  for (const s of scratches.splice(0)) await s.drop();
});

/** An empty database for the CLI (closed, so a child process may open a PGlite folder). */
async function cliScratch(): Promise<Scratch> {
  const scratch = await scratchAudit({ migrate: false, cli: true });
  scratches.push(scratch);
  await scratch.close();
  const env: Record<string, string> = onPostgres ? { DATABASE_URL: scratch.env.AUDIT_DATABASE_URL, AUDIT_DATABASE_URL: scratch.env.AUDIT_DATABASE_URL } : { PGLITE_DIR: scratch.env.PGLITE_DIR };
  return { scratch, env };
}

describe('npm run db', () => {
  it(
    'up applies every schema on an empty database; status and verify then find it clean',
    async () => {
      const { env } = await cliScratch();
      const applied = await runCli('scripts/db.ts', ['up', '--json'], { env });
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      const result = JSON.parse(applied.stdout) as { schemas: { schema: string; applied: string[]; adopted: number }[] };
      const manifest = computeManifest();
      expect(result.schemas.map((s) => [s.schema, s.applied])).toEqual(SCHEMAS.map((s) => [s, Object.keys(manifest.schemas[s].migrations)]));

      const again = await runCli('scripts/db.ts', ['up'], { env });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('people: up to date');

      const st = await runCli('scripts/db.ts', ['status', '--subgraph', 'buildings'], { env });
      expect(st.code).toBe(0);
      expect(st.stdout).toContain(`buildings: ${Object.keys(manifest.schemas.buildings.migrations).length} applied, 0 pending, ok`);
      expect(st.stdout).toMatch(/applied {2}20261127000000_room_number_index\.ts {2}batch 1 {2}\S+ {2}ok\n/);

      const verified = await runCli('scripts/db.ts', ['verify', '--json', ...(onPostgres ? ['--subgraph', 'people'] : [])], { env });
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      const report = JSON.parse(verified.stdout) as { ok: boolean; schemas: { schema: string; problems: unknown[]; drift: { checked: boolean; differences?: unknown[] } }[] };
      expect(report.ok).toBe(true);
      for (const s of report.schemas) {
        expect(s.problems).toEqual([]);
        expect(s.drift.checked).toBe(onPostgres);
        if (onPostgres) expect(s.drift.differences).toEqual([]);
      }
    },
    SLOW,
  );

  it(
    'verify catches an applied migration whose file no longer matches, by name, and up then refuses to run',
    async () => {
      const { scratch, env } = await cliScratch();
      expect((await runCli('scripts/db.ts', ['up', '--subgraph', 'access'], { env })).code).toBe(0);
      // the file as applied differed from the one on disk now: what an edit after the apply looks like to the database
      const db = scratch.open();
      await db.knex.raw(`UPDATE access.migration_checksums SET sha256 = ? WHERE name = '20261201120000_api_keys.ts'`, ['a'.repeat(64)]);
      await scratch.close();

      const verified = await runCli('scripts/db.ts', ['verify', '--subgraph', 'access', '--no-drift'], { env });
      expect(verified.code).toBe(1);
      expect(verified.stdout).toContain('PROBLEM  access/20261201120000_api_keys.ts: edited: applied with sha256 aaaaaaaaaaaa, the file now has');
      const refused = await runCli('scripts/db.ts', ['up', '--subgraph', 'access'], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('access/20261201120000_api_keys.ts edited');
      expect(refused.stderr).toContain('nothing was run');
    },
    SLOW,
  );

  it.runIf(onPostgres)(
    'verify lists drift: a column added and an index dropped by hand',
    async () => {
      const { scratch, env } = await cliScratch();
      expect((await runCli('scripts/db.ts', ['up', '--subgraph', 'people'], { env })).code).toBe(0);
      const db = scratch.open();
      await db.knex.raw(`ALTER TABLE people.person ADD COLUMN nickname text`);
      await db.knex.raw(`DROP INDEX people.residence_address_idx`);
      await scratch.close();
      const verified = await runCli('scripts/db.ts', ['verify', '--subgraph', 'people', '--json'], { env });
      expect(verified.code).toBe(1);
      const report = JSON.parse(verified.stdout) as { schemas: { drift: { differences: { object: string; difference: string; lines?: { live: string[]; fresh: string[] } }[] } }[] };
      const differences = report.schemas[0].drift.differences;
      expect(differences.map((d) => [d.object, d.difference])).toEqual([
        ['TABLE person', 'differs'],
        ['INDEX residence_address_idx', 'only-fresh'],
      ]);
      expect(differences[0].lines).toEqual({ live: ['nickname text'], fresh: [] });
    },
    SLOW,
  );

  it(
    'plan on an empty database prints the SQL of every pending migration and leaves the database empty',
    async () => {
      const { scratch, env } = await cliScratch();
      const planned = await runCli('scripts/db.ts', ['plan', '--subgraph', 'access'], { env });
      expect(planned.code, planned.stderr).toBe(0);
      expect(planned.stdout).toContain('== access/20261201120000_api_keys.ts (in one transaction)');
      expect(planned.stdout).toMatch(/SET lock_timeout = \d+;\nSET statement_timeout = \d+;\nBEGIN;\nCREATE TABLE access\.api_keys/);
      expect(planned.stdout).toContain('1 migration to apply, 0 lint failures');
      const db = scratch.open();
      const { rows } = await db.knex.raw(`SELECT to_regnamespace('access') IS NULL AS absent`);
      expect(rows[0].absent).toBe(true);
      await scratch.close();
    },
    SLOW,
  );

  it(
    'lint --all passes every committed migration (what CI runs), listing the excepted findings',
    async () => {
      const linted = await runCli('scripts/db.ts', ['lint', '--all', '--json']);
      expect(linted.code, linted.stderr).toBe(0);
      const result = JSON.parse(linted.stdout) as { migrations: number; findings: { excepted: string | null }[]; failures: number };
      expect(result.migrations).toBe(Object.values(computeManifest().schemas).reduce((n, s) => n + Object.keys(s.migrations).length, 0));
      expect(result.failures).toBe(0);
      expect(result.findings.length).toBeGreaterThan(0);
      expect(result.findings.every((f) => typeof f.excepted === 'string' && f.excepted.length > 10)).toBe(true);
    },
    SLOW,
  );
});

// --- a crash in the middle of a migration ---

/** Runs `up` on `schema` from `directory` in a child process (the way `npm run db -- up` runs). */
function childUp(env: Record<string, string>, schema: string, directory: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const script = `
    import { openDatabase } from ${JSON.stringify(path.join(root, 'lib/db.ts'))};
    import { up } from ${JSON.stringify(path.join(root, 'lib/migrations/runner.ts'))};
    const database = openDatabase('buildings');
    try { await up(database, { schema: ${JSON.stringify(schema)}, directory: ${JSON.stringify(directory)}, lockWaitMs: 0 }); }
    finally { await database.close(); }
  `;
  const file = path.join(directory, '..', `${path.basename(directory)}-run.ts`);
  writeFileSync(file, script);
  folders.push(file);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('a crash mid-migration', () => {
  it(
    'leaves no lock and no half-applied migration: the rerun applies it cleanly',
    async () => {
      const { scratch, env } = await cliScratch();
      const schema = 'ag_crash';
      const second = (crash: boolean) =>
        `export async function up(knex) {\n  await knex.raw('CREATE TABLE ${schema}.b (id bigint)');\n  await knex.raw('INSERT INTO ${schema}.b VALUES (1)');\n` +
        (crash ? `  process.kill(process.pid, 'SIGKILL');\n  await new Promise(() => {});\n` : '') +
        `}\n`;
      const directory = folder({ '20260101000001_a.ts': migration([`CREATE TABLE ${schema}.a (id bigint)`]), '20260101000002_b.ts': second(true) });

      const crashed = await childUp(env, schema, directory);
      expect(crashed.signal).toBe('SIGKILL');

      // the migration under way was rolled back whole; the one before it stayed
      const db = scratch.open();
      const { rows } = await db.knex.raw(`SELECT name FROM ${schema}.knex_migrations ORDER BY id`);
      expect(rows.map((r: { name: string }) => r.name)).toEqual(['20260101000001_a.ts']);
      const { rows: b } = await db.knex.raw(`SELECT to_regclass('${schema}.b') IS NULL AS absent`);
      expect(b[0].absent).toBe(true);
      if (onPostgres) {
        // the killed client's backend ends when it reads the closed socket; its session lock goes with it
        for (let i = 0; i < 200; i++) {
          const { rows: others } = await db.knex.raw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
          if (others[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        const { rows: locks } = await db.knex.raw(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = hashtext(?)::oid`, [schema]);
        expect(locks[0].n).toBe(0);
      }
      await scratch.close();

      // the fixed migration runs on the next try, without waiting for any lock (lockWaitMs: 0)
      writeFileSync(path.join(directory, '20260101000002_b.ts'), second(false));
      const rerun = await childUp(env, schema, directory);
      expect(rerun.stderr.replace(/^note: taking over .*\n/m, '')).toBe('');
      expect(rerun.code).toBe(0);
      const after = scratch.open();
      const s = await status(after, { schema, directory });
      expect(s.applied.map((a) => a.name)).toEqual(['20260101000001_a.ts', '20260101000002_b.ts']);
      expect(s.problems).toEqual([]);
      const { rows: count } = await after.knex.raw(`SELECT count(*)::int AS n FROM ${schema}.b`);
      expect(count[0].n).toBe(1);
      await scratch.close();
    },
    SLOW,
  );
});
