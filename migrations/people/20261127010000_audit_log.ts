import type { Knex } from 'knex';

/**
 * Superseded by the audit schema (migrations/audit/20261201000000_audit_log.ts): the audit trail
 * has its own schema and database (AUDIT_DATABASE_URL), so the people schema no longer holds a log
 * that every subgraph writes into.
 *
 * This migration once created `people.audit_log`. It stays in the folder because knex refuses to
 * run when a migration it applied is missing; on a new database it now creates nothing. A database
 * where it did run keeps its `people.audit_log` as it was: the audit migration copies those rows
 * into the chained log (oldest first) and never changes or drops the old table.
 */

export async function up(_knex: Knex): Promise<void> {}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS people.audit_log`);
  await knex.raw(`DROP FUNCTION IF EXISTS people.audit_log_append_only()`);
}
