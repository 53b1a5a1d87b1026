import type { Knex } from 'knex';

/**
 * Shared by the 20261201000000_import_run_status migrations of people, entities, events and
 * cases. Frozen like a migration: a later change is a new file.
 *
 * - import_run.status: 'running' from the start, counters kept current after every batch, then
 *   'completed', or 'interrupted' (SIGINT/SIGTERM, or found later with its process gone) or
 *   'failed'. A run killed with kill -9 stays 'running' with the figures of its last batch until
 *   the next run on the same host sees its pid is dead. pid and host say whose run it is.
 *   Earlier runs: finished ones are completed; unfinished ones died (their counters stayed 0).
 * - import_quarantine: the raw record, the address text and the detail (which may quote an
 *   identity number) are personal data; purged_at marks a row whose values were erased after the
 *   retention (QUARANTINE_RETENTION_DAYS), keeping reason, line, record id and dates.
 */
export async function addRunStatusAndPurge(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`
    ALTER TABLE ${schema}.import_run
      ADD COLUMN status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
      ADD COLUMN pid integer,
      ADD COLUMN host text,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
  await knex.raw(`UPDATE ${schema}.import_run SET status = CASE WHEN finished_at IS NULL THEN 'interrupted' ELSE 'completed' END`);
  await knex.raw(`CREATE INDEX import_run_running_idx ON ${schema}.import_run (host) WHERE status = 'running'`);
  await knex.raw(`
    ALTER TABLE ${schema}.import_quarantine
      ALTER COLUMN raw DROP NOT NULL,
      ALTER COLUMN detail DROP NOT NULL,
      ADD COLUMN purged_at timestamptz,
      ADD CONSTRAINT import_quarantine_purged_check CHECK (purged_at IS NULL OR (raw IS NULL AND detail IS NULL AND address IS NULL))`);
  await knex.raw(`CREATE INDEX import_quarantine_unpurged_idx ON ${schema}.import_quarantine (last_seen) WHERE purged_at IS NULL`);
}

export async function dropRunStatusAndPurge(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`DELETE FROM ${schema}.import_quarantine WHERE purged_at IS NOT NULL`);
  await knex.raw(`
    ALTER TABLE ${schema}.import_quarantine
      DROP CONSTRAINT import_quarantine_purged_check,
      DROP COLUMN purged_at,
      ALTER COLUMN raw SET NOT NULL,
      ALTER COLUMN detail SET NOT NULL`);
  await knex.raw(`ALTER TABLE ${schema}.import_run DROP COLUMN status, DROP COLUMN pid, DROP COLUMN host, DROP COLUMN updated_at`);
}
