import type { Knex } from 'knex';

export const config = { transaction: false };

/**
 * For the monitor's incremental room rules (issue 12): buildings.address.updated_at, when a
 * registry row last changed (a room's use or area, by a registry load or any later write), kept by
 * a BEFORE UPDATE trigger that sets now() only when the row actually changes (NEW IS DISTINCT FROM
 * OLD, as the departments' updated_at of 2026-12-02), so a load that rewrites the same values
 * leaves it alone. New rows take the default now(). Existing rows get the migration's time (a
 * constant default: no table rewrite); a first incremental run after the migration takes them all,
 * which is what a full run does anyway.
 *
 * address_updated_idx (updated_at, code) serves `addressesUnder(updatedSince:)`: the rows changed
 * since a watermark are few, so the scan starts at the watermark, not at the subtree. Built
 * CONCURRENTLY: a registry import may be writing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE buildings.address ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now()`);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION buildings.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(`DROP TRIGGER IF EXISTS address_touch_updated_at ON buildings.address`);
  await knex.raw(`
    CREATE TRIGGER address_touch_updated_at BEFORE UPDATE ON buildings.address
    FOR EACH ROW EXECUTE FUNCTION buildings.touch_updated_at()`);
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS address_updated_idx ON buildings.address (updated_at, code)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS buildings.address_updated_idx`);
  await knex.raw(`DROP TRIGGER IF EXISTS address_touch_updated_at ON buildings.address`);
  await knex.raw(`ALTER TABLE buildings.address DROP COLUMN IF EXISTS updated_at`);
  await knex.raw(`DROP FUNCTION IF EXISTS buildings.touch_updated_at()`);
}
