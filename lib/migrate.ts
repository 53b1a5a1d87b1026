/**
 * Schema migrations: each subgraph owns one PostgreSQL schema of its own name, with its own
 * knex migrations table inside it (`<schema>.knex_migrations`). The audit trail (audit/) is a
 * migration target of the same kind without being a subgraph: schema `audit`, folder
 * migrations/audit/ (audit/migrate.ts adds its grants).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from './db.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Brings the schema of a database handle (`database.subgraph`) up to date; returns the migrations it applied. */
export async function migrateSchema(database: Database): Promise<string[]> {
  // Services' sessions carry DB_STATEMENT_TIMEOUT_MS (a few seconds); an index build over a large
  // table may rightly take longer, so on PostgreSQL migrations run on a session of their own without it.
  if (database.kind === 'postgres' && database.url) {
    const own = openDatabase(database.subgraph, { url: database.url, poolMax: 1, statementTimeoutMs: 0 });
    try {
      return await migrateWith(own);
    } finally {
      await own.close();
    }
  }
  return migrateWith(database);
}

async function migrateWith(database: Database): Promise<string[]> {
  const schema = database.subgraph;
  await database.knex.raw(`CREATE SCHEMA IF NOT EXISTS ??`, [schema]);
  const [, applied] = (await database.knex.migrate.latest({
    directory: path.join(root, 'migrations', schema),
    schemaName: schema,
    tableName: 'knex_migrations',
    loadExtensions: ['.ts'],
  })) as [number, string[]];
  return applied;
}

/** Brings one subgraph's schema up to date; returns the names of the migrations it applied. */
export const migrateSubgraph = migrateSchema;
