/**
 * A database of its own for tests that must break the audit chain or the audit store (tampering
 * with the shared fixture's chain would fail every other test's appends): on PostgreSQL a fresh
 * database named after the fixture's (`<fixture>_scratch_<random>`), dropped afterwards; on PGlite
 * a fresh data folder, removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../lib/db.ts';
import { afterAll, beforeAll } from 'vitest';
import { migrateAudit } from '../../audit/migrate.ts';
import { startTestSystem, type TestSystem } from './system.ts';

export type ScratchAudit = {
  /** The open handle (reopened by open() after close()). */
  database: Database;
  /** Environment that points a CLI at this database (close() first on PGlite: one process at a time). */
  env: Record<string, string>;
  /** Closes the handle (PGlite: so a child process can open the folder). */
  close(): Promise<void>;
  /** Opens the handle again after close(). */
  open(): Database;
  /** Closes and removes the database. */
  drop(): Promise<void>;
};

/**
 * A new, empty database; migrated (the audit schema) unless `migrate` is false. On PGlite it is in
 * memory unless `cli` asks for a data folder a child process can open.
 */
export async function scratchAudit(options: { migrate?: boolean; cli?: boolean } = {}): Promise<ScratchAudit> {
  const base = process.env.DATABASE_URL;
  let open: () => Database;
  let env: Record<string, string>;
  let remove: () => Promise<void>;
  if (base) {
    const url = new URL(base);
    const name = `${url.pathname.slice(1)}_scratch_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    url.pathname = `/${name}`;
    const scratchUrl = url.toString();
    open = () => openDatabase('audit', { url: scratchUrl, poolMax: 2 });
    env = { AUDIT_DATABASE_URL: scratchUrl };
    remove = async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    };
  } else {
    const dir = options.cli ? mkdtempSync(path.join(os.tmpdir(), 'address-graph-audit-')) : `memory://audit-${randomBytes(4).toString('hex')}`;
    open = () => openDatabase('audit', { url: null, pgliteDir: dir });
    env = { PGLITE_DIR: dir };
    remove = async () => {
      if (options.cli) rmSync(dir, { recursive: true, force: true });
    };
  }
  let database: Database | null = open();
  if (options.migrate !== false) await migrateAudit(database);
  const scratch: ScratchAudit = {
    database,
    env,
    async close() {
      await database?.close();
      database = null;
    },
    open() {
      database ??= open();
      scratch.database = database;
      return database;
    },
    async drop() {
      await scratch.close();
      await remove();
    },
  };
  return scratch;
}

/** audit.append's argument types, to name the function when renaming it. */
const APPEND_ARGS = '(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[])';

/** Runs `run` while the scratch audit store cannot be written (audit.append renamed away), then puts it back. */
export async function withAuditAppendGone<T>(scratch: ScratchAudit, run: () => Promise<T>): Promise<T> {
  await scratch.database.knex.raw(`ALTER FUNCTION audit.append${APPEND_ARGS} RENAME TO append_gone`);
  try {
    return await run();
  } finally {
    await scratch.database.knex.raw(`ALTER FUNCTION audit.append_gone${APPEND_ARGS} RENAME TO append`);
  }
}

/**
 * For a describe block: a test system whose audit store is a scratch database of its own (so its
 * tests may break it), started before the block's tests and stopped and removed after them.
 */
export function scratchAuditSystem(): { system: TestSystem; scratch: ScratchAudit } {
  const holder = {} as { system: TestSystem; scratch: ScratchAudit };
  beforeAll(async () => {
    holder.scratch = await scratchAudit();
    holder.system = await startTestSystem({ auditDatabase: holder.scratch.database });
  });
  afterAll(async () => {
    await holder.system?.stop();
    await holder.scratch?.drop();
  });
  return holder;
}
