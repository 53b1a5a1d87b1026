/**
 * Migrates the audit schema (migrations/audit/) and grants the services' role what the role split
 * allows it: EXECUTE on audit.append and SELECT on audit.log, nothing else (no INSERT, UPDATE,
 * DELETE or TRUNCATE on either table). The grant runs after every migration, so a role created
 * later, or AUDIT_APP_ROLE changed, is covered by the next `npm run migrate`.
 */
import { env } from '../lib/config.ts';
import type { Database, Db } from '../lib/db.ts';
import { migrateSchema } from '../lib/migrate.ts';

const APPEND_SIGNATURE = 'audit.append(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[])';
const ROLE = /^[a-z_][a-z0-9_]*$/;

/** Brings the audit schema up to date (run as the owner) and grants the app role; returns the migrations applied. */
export async function migrateAudit(database: Database, options: { appRole?: string } = {}): Promise<string[]> {
  if (database.subgraph !== 'audit') throw new Error(`migrateAudit needs the audit database handle, got ${database.subgraph}`);
  const applied = await migrateSchema(database);
  await grantAuditRole(database.knex, options.appRole ?? env().AUDIT_APP_ROLE);
  return applied;
}

/** Grants `role` (when it exists) exactly what a service needs on the audit schema. */
export async function grantAuditRole(db: Db, role: string): Promise<boolean> {
  if (!ROLE.test(role)) throw new Error(`audit app role must be a lowercase SQL identifier, got ${JSON.stringify(role)}`);
  const { rows } = await db.raw(`/* audit.roleExists */ SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?`, [role]);
  if (!rows.length) return false;
  await db.raw(`REVOKE ALL ON audit.log, audit.chain_head FROM "${role}"`);
  await db.raw(`GRANT USAGE ON SCHEMA audit TO "${role}"`);
  await db.raw(`GRANT SELECT ON audit.log TO "${role}"`);
  await db.raw(`GRANT EXECUTE ON FUNCTION ${APPEND_SIGNATURE} TO "${role}"`);
  return true;
}
