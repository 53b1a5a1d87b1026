import type { Knex } from 'knex';

/**
 * Shared by the 20261203100000_quarantine_steward migrations of people, entities, events and
 * cases. Frozen like a migration: a later change is a new file.
 *
 * import_quarantine.community_code: the 12-digit community the row's address reached before it
 * failed (the code the standardizer was sure of, or the one community all its candidates share);
 * null when the address reached no community or was never standardized (a malformed line, an
 * invalid row). The quarantine commands (`npm run quarantine`) filter on it, and a steward
 * confined to communities sees only the rows of those communities.
 *
 * Runs outside a transaction so the indexes are built CONCURRENTLY (the importer may be writing);
 * every statement can be rerun.
 */
export async function addQuarantineCommunity(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`ALTER TABLE ${schema}.import_quarantine ADD COLUMN IF NOT EXISTS community_code text COLLATE "C"
    CONSTRAINT import_quarantine_community_check CHECK (community_code ~ '^[0-9]{12}$')`);
  // list --community C: one range of this index, newest id first
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS import_quarantine_community_idx ON ${schema}.import_quarantine (community_code, id)`);
  // list --reason R
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS import_quarantine_reason_idx ON ${schema}.import_quarantine (reason, id)`);
}

export async function dropQuarantineCommunity(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${schema}.import_quarantine_reason_idx`);
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS ${schema}.import_quarantine_community_idx`);
  await knex.raw(`ALTER TABLE ${schema}.import_quarantine DROP COLUMN IF EXISTS community_code`);
}
