import type { Knex } from 'knex';

/**
 * Shared by the 20261205000000_quarantine_status migrations of people, entities, events and
 * cases. Frozen like a migration: a later change is a new file.
 *
 * A steward's fix or drop no longer deletes the quarantined row (issue 13): it is marked, and kept
 * for the audit and until the retention purges its values (QUARANTINE_RETENTION_DAYS).
 * - status: QUARANTINED (waiting), FIXED (a steward's fix or relink loaded it), DROPPED (a steward
 *   gave it up, with a reason). The stewards' lists show QUARANTINED rows unless asked.
 * - resolved_at / resolved_by / resolution: when, who, and the drop's reason or what the fix did;
 *   set exactly when the status is not QUARANTINED.
 * - history: what happened to the row since it was first quarantined (drops, fixes, refused
 *   fixes, relinks, a later import quarantining the record again), as a jsonb list of
 *   { action, at, by, note } without values (no personal data).
 * An import that quarantines a FIXED or DROPPED record again sets it back to QUARANTINED.
 *
 * Runs outside a transaction (the migrations set `config = { transaction: false }`), so the CHECK is
 * validated in a statement of its own after it was added NOT VALID; every statement can be rerun.
 */
export async function addQuarantineStatus(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`ALTER TABLE ${schema}.import_quarantine
    ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'QUARANTINED',
    ADD COLUMN IF NOT EXISTS resolved_at timestamptz,
    ADD COLUMN IF NOT EXISTS resolved_by text,
    ADD COLUMN IF NOT EXISTS resolution text,
    ADD COLUMN IF NOT EXISTS history jsonb NOT NULL DEFAULT '[]'::jsonb`);
  await knex.raw(`ALTER TABLE ${schema}.import_quarantine DROP CONSTRAINT IF EXISTS import_quarantine_status_check,
    ADD CONSTRAINT import_quarantine_status_check CHECK (
    (status = 'QUARANTINED' AND resolved_at IS NULL AND resolved_by IS NULL AND resolution IS NULL)
    OR (status IN ('FIXED', 'DROPPED') AND resolved_at IS NOT NULL AND resolved_by <> '' AND resolution <> '')) NOT VALID`);
  await knex.raw(`ALTER TABLE ${schema}.import_quarantine VALIDATE CONSTRAINT import_quarantine_status_check`);
}

export async function dropQuarantineStatus(knex: Knex, schema: string): Promise<void> {
  // rows a steward resolved were deleted before this migration
  await knex.raw(`DELETE FROM ${schema}.import_quarantine WHERE status <> 'QUARANTINED'`);
  await knex.raw(`ALTER TABLE ${schema}.import_quarantine DROP CONSTRAINT IF EXISTS import_quarantine_status_check,
    DROP COLUMN IF EXISTS history, DROP COLUMN IF EXISTS resolution, DROP COLUMN IF EXISTS resolved_by,
    DROP COLUMN IF EXISTS resolved_at, DROP COLUMN IF EXISTS status`);
}
