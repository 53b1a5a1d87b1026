/**
 * Schema migrations: each subgraph owns one PostgreSQL schema of its own name, with its own
 * history table inside it (`<schema>.knex_migrations`, knex's format). The audit trail (audit/)
 * and the API keys (access/) are migration targets of the same kind without being subgraphs.
 * The runner is lib/migrations/runner.ts (advisory lock, timeouts, checksums); `npm run db`
 * is its command line.
 */
import type { Database } from './db.ts';
import { up } from './migrations/runner.ts';

/** Brings the schema of a database handle (`database.subgraph`) up to date; returns the migrations it applied. */
export async function migrateSchema(database: Database): Promise<string[]> {
  return (await up(database)).applied;
}

/** Brings one subgraph's schema up to date; returns the names of the migrations it applied. */
export const migrateSubgraph = migrateSchema;
