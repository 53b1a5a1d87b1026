/**
 * The migration runner behind `npm run db` and `npm run migrate` (and every start-up path that
 * migrates). It keeps knex's migration files and knex's history table (`<schema>.knex_migrations`,
 * so a database migrated by knex is read as it is and nothing re-runs), and replaces knex's runner:
 *
 * - one session per schema holds a PostgreSQL advisory lock for the whole run (pool of exactly one
 *   connection), so a crashed run leaves no lock behind: PostgreSQL drops it with the session.
 *   knex's `knex_migrations_lock` row is neither taken nor honoured;
 * - the session has `lock_timeout` (MIGRATE_LOCK_TIMEOUT_MS) and `statement_timeout`
 *   (MIGRATE_STATEMENT_TIMEOUT_MS), so a DDL statement waiting for a busy table fails instead of
 *   stalling every query queued behind it;
 * - a migration runs in a transaction with its history rows, unless it exports
 *   `config = { transaction: false }` (knex's own switch), which `CREATE INDEX CONCURRENTLY` needs;
 * - the checksum of every file (files.ts) is recorded when it is applied, in
 *   `<schema>.migration_checksums`; rows knex applied before are adopted with the committed
 *   checksum (checksums.json). Before anything runs, every applied migration is checked: a
 *   missing or edited file, or a pending migration older than the newest applied one, stops the
 *   run and is reported by name.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { env } from '../config.ts';
import { openDatabase, type Database } from '../db.ts';
import { readManifest, type ChecksumManifest } from './checksums.ts';
import { inTransaction, listMigrations, loadMigration, MIGRATIONS_DIR, type MigrationFile } from './files.ts';

export type RunOptions = {
  /** The schema to migrate; defaults to the handle's (`database.subgraph`). */
  schema?: string;
  /** Folder of its migrations; defaults to migrations/<schema>/. */
  directory?: string;
  lockTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** How long to wait for another run's advisory lock on the schema (0: fail at once). */
  lockWaitMs?: number;
};

/** What verify found wrong with one migration of the history. */
export type HistoryProblem = {
  migration: string;
  problem: 'missing' | 'edited' | 'out-of-order';
  detail: string;
};

export type AppliedMigration = {
  name: string;
  batch: number;
  appliedAt: string;
  /** How its checksum is known: recorded when applied, adopted from a knex-migrated database, or not yet (adopted at the next `up`). */
  recorded: 'applied' | 'adopted' | 'unrecorded';
  state: 'ok' | 'accepted' | 'edited' | 'missing';
};

export type SchemaStatus = {
  schema: string;
  applied: AppliedMigration[];
  pending: string[];
  problems: HistoryProblem[];
  /** Applied edits the manifest accepts on purpose, with why. */
  notes: string[];
};

/** Refusal to run: the history does not match the files (see `problems`). */
export class MigrationHistoryError extends Error {
  readonly problems: HistoryProblem[];
  constructor(schema: string, problems: HistoryProblem[]) {
    super(`schema ${schema}: ${problems.map((p) => `${p.migration} ${p.problem} (${p.detail})`).join('; ')}; nothing was run (npm run db -- verify)`);
    this.name = 'MigrationHistoryError';
    this.problems = problems;
  }
}

/** Another process is migrating the schema (it holds the advisory lock). */
export class MigrationLockedError extends Error {
  constructor(schema: string, waitedMs: number, holder: string) {
    super(`schema ${schema} is being migrated by ${holder}; waited ${waitedMs} ms for its lock (MIGRATE_LOCK_WAIT_MS)`);
    this.name = 'MigrationLockedError';
  }
}

const LOCK_CLASS = 'address-graph:migrate';
const LOCK_NOT_AVAILABLE = '55P03';

type Resolved = { schema: string; directory: string; files: MigrationFile[]; lockTimeoutMs: number; statementTimeoutMs: number; lockWaitMs: number; manifest: ChecksumManifest | null };

function resolve(database: Database, options: RunOptions): Resolved {
  const schema = options.schema ?? database.subgraph;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema must be a lowercase SQL identifier, got ${JSON.stringify(schema)}`);
  const directory = options.directory ?? path.join(MIGRATIONS_DIR, schema);
  const config = env();
  return {
    schema,
    directory,
    files: listMigrations(schema, directory),
    lockTimeoutMs: options.lockTimeoutMs ?? config.MIGRATE_LOCK_TIMEOUT_MS,
    statementTimeoutMs: options.statementTimeoutMs ?? config.MIGRATE_STATEMENT_TIMEOUT_MS,
    lockWaitMs: options.lockWaitMs ?? config.MIGRATE_LOCK_WAIT_MS,
    manifest: options.directory ? null : readManifest(),
  };
}

type Row = { name: string; batch: number; migration_time: Date | string; sha256: string | null; origin: 'applied' | 'adopted' | null };

async function exists(knex: Knex, relation: string): Promise<boolean> {
  const { rows } = await knex.raw(`/* migrate.exists */ SELECT to_regclass(?) IS NOT NULL AS found`, [relation]);
  return Boolean(rows[0].found);
}

/** The history rows (knex's table joined with our checksums); none when the schema was never migrated. */
async function readHistory(knex: Knex, schema: string): Promise<Row[]> {
  if (!(await exists(knex, `${schema}.knex_migrations`))) return [];
  const checksums = await exists(knex, `${schema}.migration_checksums`);
  const { rows } = await knex.raw(
    checksums
      ? `/* migrate.history */ SELECT m.name, m.batch, m.migration_time, c.sha256, c.origin FROM ??.knex_migrations m LEFT JOIN ??.migration_checksums c ON c.name = m.name ORDER BY m.id`
      : `/* migrate.history */ SELECT m.name, m.batch, m.migration_time, NULL AS sha256, NULL AS origin FROM ??.knex_migrations m ORDER BY m.id`,
    checksums ? [schema, schema] : [schema],
  );
  return rows as Row[];
}

/** The checksum a knex-applied migration is adopted with: the committed one (reviewed), else the file's. */
function adoptedChecksum(r: Resolved, name: string, file: MigrationFile | undefined): string | null {
  return r.manifest?.schemas[r.schema]?.migrations[name] ?? file?.sha256 ?? null;
}

function inspect(r: Resolved, rows: Row[]): SchemaStatus {
  const files = new Map(r.files.map((f) => [f.name, f]));
  const problems: HistoryProblem[] = [];
  const notes: string[] = [];
  const applied: AppliedMigration[] = rows.map((row) => {
    const file = files.get(row.name);
    const recorded = row.sha256 ?? adoptedChecksum(r, row.name, file);
    const migration = `${r.schema}/${row.name}`;
    let state: AppliedMigration['state'] = 'ok';
    if (!file) {
      state = 'missing';
      problems.push({ migration, problem: 'missing', detail: `applied in batch ${row.batch}, but ${path.join(path.relative(process.cwd(), r.directory) || '.', row.name)} is gone` });
    } else if (recorded !== file.sha256) {
      const accepted = r.manifest?.accepted.find((a) => a.migration === migration && a.sha256 === recorded && r.manifest?.schemas[r.schema]?.migrations[row.name] === file.sha256);
      if (accepted) {
        state = 'accepted';
        notes.push(`${migration}: edited after it was applied, accepted in checksums.json: ${accepted.why}`);
      } else {
        state = 'edited';
        problems.push({ migration, problem: 'edited', detail: `applied with sha256 ${recorded?.slice(0, 12)}, the file now has ${file.sha256.slice(0, 12)}` });
      }
    }
    const at = row.migration_time instanceof Date ? row.migration_time.toISOString() : new Date(row.migration_time).toISOString();
    return { name: row.name, batch: row.batch, appliedAt: at, recorded: row.origin ?? 'unrecorded', state };
  });
  for (const a of r.manifest?.accepted ?? []) {
    if (a.migration.startsWith(`${r.schema}/`) && !notes.some((n) => n.startsWith(a.migration))) {
      const name = a.migration.slice(r.schema.length + 1);
      if (rows.some((row) => row.name === name)) notes.push(`${a.migration}: ${a.why}`);
    }
  }
  const done = new Set(rows.map((row) => row.name));
  const pending = r.files.filter((f) => !done.has(f.name)).map((f) => f.name);
  const newest = rows.map((row) => row.name).sort().at(-1);
  for (const name of pending) {
    if (newest && name < newest) problems.push({ migration: `${r.schema}/${name}`, problem: 'out-of-order', detail: `pending, but older than ${newest}, which is applied` });
  }
  return { schema: r.schema, applied, pending, problems, notes };
}

/** Applied and pending migrations of one schema and what verify finds; changes nothing. */
export async function status(database: Database, options: RunOptions = {}): Promise<SchemaStatus> {
  const r = resolve(database, options);
  return inspect(r, await readHistory(database.knex, r.schema));
}

// --- the session: one connection, the advisory lock, the timeouts ---

type Session = { knex: Knex; kind: Database['kind']; end(): Promise<void> };

/**
 * One connection for the whole run. On PostgreSQL a pool of exactly one (min = max = 1), so every
 * statement, transaction and the advisory lock share one backend; on PGlite the handle's own
 * (PGlite is one connection; its folder lock keeps other processes out).
 */
async function openSession(database: Database, r: Resolved): Promise<Session> {
  if (database.kind === 'postgres' && database.url) {
    const own = openDatabase(database.subgraph, { url: database.url, poolMax: 1, poolMin: 1, statementTimeoutMs: r.statementTimeoutMs });
    return { knex: own.knex, kind: 'postgres', end: () => own.close() };
  }
  return { knex: database.knex, kind: database.kind, end: async () => {} };
}

async function lockHolder(knex: Knex, schema: string): Promise<string> {
  const { rows } = await knex.raw(
    `/* migrate.lockHolder */ SELECT a.pid, a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = hashtext(?)::oid AND l.objid = hashtext(?)::oid AND l.objsubid = 2`,
    [LOCK_CLASS, schema],
  );
  const h = rows[0] as { pid: number; application_name: string; backend_start: Date } | undefined;
  return h ? `backend ${h.pid} (${h.application_name || 'no application_name'}, connected ${new Date(h.backend_start).toISOString()})` : 'another session';
}

async function lock(session: Session, r: Resolved): Promise<void> {
  const { knex } = session;
  try {
    if (r.lockWaitMs === 0) {
      const { rows } = await knex.raw(`/* migrate.tryLock */ SELECT pg_try_advisory_lock(hashtext(?), hashtext(?)) AS locked`, [LOCK_CLASS, r.schema]);
      if (!rows[0].locked) throw Object.assign(new Error('locked'), { code: LOCK_NOT_AVAILABLE });
    } else {
      // lock_timeout bounds the wait for an advisory lock like any other
      await knex.raw(`SET lock_timeout = ${Math.trunc(r.lockWaitMs)}`);
      await knex.raw(`/* migrate.lock */ SELECT pg_advisory_lock(hashtext(?), hashtext(?))`, [LOCK_CLASS, r.schema]);
    }
  } catch (error) {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new MigrationLockedError(r.schema, r.lockWaitMs, await lockHolder(knex, r.schema));
    throw error;
  }
  await knex.raw(`SET lock_timeout = ${Math.trunc(r.lockTimeoutMs)}`);
  await knex.raw(`SET statement_timeout = ${Math.trunc(r.statementTimeoutMs)}`);
}

/** Fails when the session no longer holds its lock (its connection was replaced): nothing more may run. */
async function assertLocked(session: Session, r: Resolved): Promise<void> {
  if (session.kind !== 'postgres') return;
  const { rows } = await session.knex.raw(
    `/* migrate.holdsLock */ SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
      AND classid = hashtext(?)::oid AND objid = hashtext(?)::oid AND objsubid = 2`,
    [LOCK_CLASS, r.schema],
  );
  if (rows[0].held !== 1) throw new Error(`schema ${r.schema}: the migration session lost its advisory lock (its connection was replaced); stopped before the next migration`);
}

async function unlock(session: Session, r: Resolved): Promise<void> {
  await session.knex.raw(`/* migrate.unlock */ SELECT pg_advisory_unlock(hashtext(?), hashtext(?))`, [LOCK_CLASS, r.schema]).catch(() => {});
  // PGlite's one session goes on serving the process: give it back its own settings
  if (session.kind !== 'postgres') {
    await session.knex.raw(`RESET lock_timeout`).catch(() => {});
    await session.knex.raw(`RESET statement_timeout`).catch(() => {});
  }
}

/** Creates the schema, knex's history table and our checksum table when missing. */
export async function ensureHistoryTables(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`CREATE SCHEMA IF NOT EXISTS ??`, [schema]);
  // exactly knex's own table, so knex (and older checkouts) read it as theirs
  await knex.raw(`CREATE TABLE IF NOT EXISTS ??.knex_migrations (id serial PRIMARY KEY, name varchar(255), batch integer, migration_time timestamptz)`, [schema]);
  await knex.raw(
    `CREATE TABLE IF NOT EXISTS ??.migration_checksums (
       name        varchar(255) PRIMARY KEY,
       sha256      char(64) NOT NULL,
       origin      text NOT NULL CHECK (origin IN ('applied', 'adopted')),
       recorded_at timestamptz NOT NULL DEFAULT now())`,
    [schema],
  );
}

/** Records the committed checksum of every applied migration knex ran before this runner existed. */
async function adopt(knex: Knex, r: Resolved, rows: Row[]): Promise<number> {
  const files = new Map(r.files.map((f) => [f.name, f]));
  let adopted = 0;
  for (const row of rows) {
    if (row.sha256 !== null) continue;
    const sha = adoptedChecksum(r, row.name, files.get(row.name));
    if (sha === null) continue; // a missing file: reported by verify, adopted once it is back
    await knex.raw(`/* migrate.adopt */ INSERT INTO ??.migration_checksums (name, sha256, origin) VALUES (?, ?, 'adopted') ON CONFLICT (name) DO NOTHING`, [r.schema, row.name, sha]);
    row.sha256 = sha;
    row.origin = 'adopted';
    adopted++;
  }
  return adopted;
}

export type StepListener = { before?(file: MigrationFile, transaction: boolean): void; after?(file: MigrationFile, ms: number): void };

/** Runs one migration's `up` (in a transaction with its history rows, unless it opts out) and records it. */
export async function applyOne(knex: Knex, schema: string, file: MigrationFile, batch: number, listener: StepListener = {}): Promise<void> {
  const module = await loadMigration(file);
  const transaction = inTransaction(module);
  listener.before?.(file, transaction);
  const started = performance.now();
  const run = async (db: Knex) => {
    await module.up(db);
    await db.raw(`/* migrate.record */ INSERT INTO ??.knex_migrations (name, batch, migration_time) VALUES (?, ?, now())`, [schema, file.name, batch]);
    await db.raw(
      `/* migrate.recordChecksum */ INSERT INTO ??.migration_checksums (name, sha256, origin) VALUES (?, ?, 'applied') ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, origin = 'applied', recorded_at = now()`,
      [schema, file.name, file.sha256],
    );
  };
  if (transaction) await knex.transaction(run);
  else await run(knex);
  listener.after?.(file, performance.now() - started);
}

export type UpResult = { schema: string; applied: string[]; adopted: number };

/**
 * Applies every pending migration of a schema under its advisory lock; returns their names. A
 * history that does not match the files (status().problems) stops it before anything runs.
 */
export async function up(database: Database, options: RunOptions & { listener?: StepListener; only?: ReadonlySet<string> } = {}): Promise<UpResult> {
  const r = resolve(database, options);
  const session = await openSession(database, r);
  try {
    await lock(session, r);
    try {
      await ensureHistoryTables(session.knex, r.schema);
      const rows = await readHistory(session.knex, r.schema);
      const adopted = await adopt(session.knex, r, rows);
      const found = inspect(r, rows);
      if (found.problems.length) throw new MigrationHistoryError(r.schema, found.problems);
      const files = new Map(r.files.map((f) => [f.name, f]));
      const batch = Math.max(0, ...rows.map((row) => row.batch)) + 1;
      const applied: string[] = [];
      for (const name of found.pending) {
        if (options.only && !options.only.has(name)) continue;
        await assertLocked(session, r);
        await applyOne(session.knex, r.schema, files.get(name)!, batch, options.listener);
        applied.push(name);
      }
      return { schema: r.schema, applied, adopted };
    } finally {
      await unlock(session, r);
    }
  } finally {
    await session.end();
  }
}

export type DownResult = { schema: string; reverted: string[] };

/**
 * Reverts the newest applied migration, or with `to` every migration applied after `to` (which
 * stays applied), newest first, each in a transaction unless it opts out.
 */
export async function down(database: Database, options: RunOptions & { to?: string; listener?: StepListener } = {}): Promise<DownResult> {
  const r = resolve(database, options);
  const session = await openSession(database, r);
  try {
    await lock(session, r);
    try {
      const rows = await readHistory(session.knex, r.schema);
      const found = inspect(r, rows);
      if (found.problems.length) throw new MigrationHistoryError(r.schema, found.problems);
      const names = rows.map((row) => row.name);
      let targets: string[];
      if (options.to !== undefined) {
        const at = names.indexOf(options.to);
        if (at < 0) throw new Error(`--to ${options.to}: not an applied migration of schema ${r.schema} (applied: ${names.join(', ') || 'none'})`);
        targets = names.slice(at + 1).reverse();
      } else targets = names.slice(-1);
      const files = new Map(r.files.map((f) => [f.name, f]));
      const reverted: string[] = [];
      for (const name of targets) {
        await assertLocked(session, r);
        const file = files.get(name)!;
        const module = await loadMigration(file);
        if (typeof module.down !== 'function') throw new Error(`${r.schema}/${name} has no down(knex): it cannot be reverted (reverted so far: ${reverted.join(', ') || 'none'})`);
        options.listener?.before?.(file, inTransaction(module));
        const started = performance.now();
        const run = async (db: Knex) => {
          await module.down!(db);
          await db.raw(`/* migrate.unrecord */ DELETE FROM ??.knex_migrations WHERE name = ?`, [r.schema, name]);
          if (await exists(db, `${r.schema}.migration_checksums`)) await db.raw(`DELETE FROM ??.migration_checksums WHERE name = ?`, [r.schema, name]);
        };
        if (inTransaction(module)) await session.knex.transaction(run);
        else await run(session.knex);
        options.listener?.after?.(file, performance.now() - started);
        reverted.push(name);
      }
      return { schema: r.schema, reverted };
    } finally {
      await unlock(session, r);
    }
  } finally {
    await session.end();
  }
}
