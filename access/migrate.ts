/**
 * Migrates the API keys' schema (migrations/access/, in the audit database) and grants the
 * services' role (AUDIT_APP_ROLE, when it exists) what the gateway needs: reading keys and
 * noting their last use. Creating and revoking keys is the owner's (`npm run apikey`).
 */
import { env } from '../lib/config.ts';
import type { Database, Db } from '../lib/db.ts';
import { migrateSchema } from '../lib/migrate.ts';

const ROLE = /^[a-z_][a-z0-9_]*$/;

/** Brings the access schema up to date (run as the owner) and grants the app role; returns the migrations applied. */
export async function migrateAccess(database: Database, options: { appRole?: string } = {}): Promise<string[]> {
  if (database.subgraph !== 'access') throw new Error(`migrateAccess needs the access database handle, got ${database.subgraph}`);
  const applied = await migrateSchema(database);
  await grantAccessRole(database.knex, options.appRole ?? env().AUDIT_APP_ROLE);
  return applied;
}

/** Grants `role` (when it exists) SELECT on access.api_keys and UPDATE of last_used_at only. */
export async function grantAccessRole(db: Db, role: string): Promise<boolean> {
  if (!ROLE.test(role)) throw new Error(`app role must be a lowercase SQL identifier, got ${JSON.stringify(role)}`);
  const { rows } = await db.raw(`/* access.roleExists */ SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?`, [role]);
  if (!rows.length) return false;
  await db.raw(`REVOKE ALL ON access.api_keys FROM "${role}"`);
  await db.raw(`GRANT USAGE ON SCHEMA access TO "${role}"`);
  await db.raw(`GRANT SELECT, UPDATE (last_used_at) ON access.api_keys TO "${role}"`);
  return true;
}
