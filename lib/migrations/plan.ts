/**
 * `plan`: the SQL `up` would run, per pending migration, captured by running the migrations on a
 * throw-away in-memory PGlite: first the migrations the target already applied (so the scratch
 * schema looks like the target's), then the pending ones with every statement they send
 * recorded. The target is only read (its history). Statements whose text depends on the data
 * they find show what they send on an empty database.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { openDatabase } from '../db.ts';
import { listMigrations, type MigrationFile } from './files.ts';
import { applyOne, ensureHistoryTables } from './runner.ts';

/** What to plan for one schema: its folder's files, of which `applied` already ran on the target. */
export type PlanTarget = { schema: string; directory?: string; applied: readonly string[] };

export type PlannedMigration = {
  schema: string;
  name: string;
  /** Whether `up` wraps it in a transaction (false: `config = { transaction: false }`). */
  transaction: boolean;
  /** Each statement as sent, bind values written in place. */
  statements: string[];
};

const OWN_STATEMENT = /^\s*\/\* migrate\.[a-zA-Z]+ \*\//;
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b/i;

function literal(knex: Knex, value: unknown): string {
  const escape = (knex.client as { _escapeBinding?: (v: unknown) => string })._escapeBinding;
  if (escape) return escape.call(knex.client, value);
  return value === null ? 'NULL' : `'${String(value).replaceAll("'", "''")}'`;
}

/** A statement as PostgreSQL receives it, its $n placeholders replaced by their values. */
function inline(knex: Knex, sql: string, bindings: readonly unknown[] | undefined): string {
  if (!bindings?.length) return sql.trim();
  return sql.replace(/\$(\d+)/g, (whole, n: string) => (Number(n) <= bindings.length ? literal(knex, bindings[Number(n) - 1]) : whole)).trim();
}

/**
 * Runs the targets' applied migrations, then captures their pending ones, on a fresh in-memory
 * PGlite; returns the pending migrations with their statements, in the order `up` runs them.
 */
export async function planMigrations(targets: readonly PlanTarget[]): Promise<PlannedMigration[]> {
  const scratch = openDatabase('buildings', { url: null, pgliteDir: `memory://plan-${randomUUID()}` });
  const knex = scratch.knex;
  const planned: PlannedMigration[] = [];
  let current: PlannedMigration | null = null;
  knex.on('query', (q: { sql: string; bindings?: unknown[] }) => {
    if (!current || OWN_STATEMENT.test(q.sql) || TRANSACTION_CONTROL.test(q.sql)) return;
    current.statements.push(inline(knex, q.sql, q.bindings));
  });
  try {
    const lists = targets.map((t) => ({ target: t, files: listMigrations(t.schema, t.directory) }));
    for (const { target, files } of lists) {
      await ensureHistoryTables(knex, target.schema);
      const applied = new Set(target.applied);
      for (const file of files.filter((f) => applied.has(f.name))) await applyOne(knex, target.schema, file, 1);
    }
    for (const { target, files } of lists) {
      const applied = new Set(target.applied);
      for (const file of files.filter((f) => !applied.has(f.name))) {
        await applyOne(knex, target.schema, file, 2, {
          before: (f: MigrationFile, transaction: boolean) => {
            current = { schema: target.schema, name: f.name, transaction, statements: [] };
          },
          after: () => {
            planned.push(current!);
            current = null;
          },
        });
      }
    }
  } finally {
    await scratch.close();
  }
  return planned;
}

/** The script one planned migration is: the session settings `up` sets, then its statements (inside BEGIN/COMMIT when it runs in a transaction). */
export function planScript(migration: PlannedMigration, settings: { lockTimeoutMs: number; statementTimeoutMs: number }): string {
  const lines = [`SET lock_timeout = ${settings.lockTimeoutMs};`, `SET statement_timeout = ${settings.statementTimeoutMs};`];
  if (migration.transaction) lines.push('BEGIN;');
  for (const s of migration.statements) lines.push(`${s.replace(/;\s*$/, '')};`);
  if (migration.transaction) lines.push('COMMIT;');
  return `${lines.join('\n')}\n`;
}
