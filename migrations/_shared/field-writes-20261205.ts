import type { Knex } from 'knex';

/**
 * Shared by the write-side migrations of people and entities (issue 11; events did the same
 * inline in 20261202120000_write_side). Frozen like a migration: a later change is a new file.
 *
 * A table the field app writes gains
 * - `version integer NOT NULL DEFAULT 1`: +1 on every change. Mutations take the version the
 *   client saw and update `WHERE version = $v` (optimistic concurrency); a BEFORE UPDATE trigger
 *   bumps it on any other change too (an import), so a client holding an old version cannot
 *   overwrite what an import wrote either. Named `<table>_bump_version`, it fires before
 *   `<table>_touch_updated_at` (triggers fire in name order); both compare NEW to OLD.
 * - `field_changed_at timestamptz`: when a mutation last changed (or created) the row; null for
 *   rows only ever written by imports. The importer does not overwrite a department record over
 *   a row the field app changed (importer/repository.ts: quarantined as CONFLICT).
 */
export async function addFieldWrites(knex: Knex, schema: string, table: string): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION ${schema}.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW IS DISTINCT FROM OLD AND NEW.version = OLD.version THEN
        NEW.version := OLD.version + 1;
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(`ALTER TABLE ${schema}.${table} ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN field_changed_at timestamptz`);
  await knex.raw(`
    CREATE TRIGGER ${table}_bump_version BEFORE UPDATE ON ${schema}.${table}
    FOR EACH ROW EXECUTE FUNCTION ${schema}.bump_version()`);
}

/** Undoes addFieldWrites for one table; `dropFunction` on the schema's last table. */
export async function dropFieldWrites(knex: Knex, schema: string, table: string, dropFunction: boolean): Promise<void> {
  await knex.raw(`DROP TRIGGER ${table}_bump_version ON ${schema}.${table}`);
  await knex.raw(`ALTER TABLE ${schema}.${table} DROP COLUMN version, DROP COLUMN field_changed_at`);
  if (dropFunction) await knex.raw(`DROP FUNCTION ${schema}.bump_version()`);
}
