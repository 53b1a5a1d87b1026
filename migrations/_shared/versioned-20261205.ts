import type { Knex } from 'knex';

/**
 * Shared by the write-side migrations from cases on (events wrote the same SQL inline in
 * migrations/events/20261202120000_write_side.ts, which is frozen). Frozen like a migration: a
 * later change is a new file.
 *
 * A table the field app writes gains
 * - `version integer NOT NULL DEFAULT 1`: 1 for every existing row, +1 on every change. Mutations
 *   take the version the client saw and update `WHERE version = $v` (optimistic concurrency). A
 *   BEFORE UPDATE trigger, `<table>_bump_version`, bumps it on any other change too (an import that
 *   changes a row), so a client holding an old version cannot overwrite what an import wrote.
 *   Named to fire before `<table>_touch_updated_at` (triggers fire in name order); both compare
 *   NEW to OLD, so an import rewriting the same values moves neither.
 * - `field_changed_at timestamptz`: when the field app (a mutation) last changed the row; null
 *   for rows only ever written by imports. The importer does not overwrite a row the field app
 *   has changed (importer/repository.ts quarantines the department's record, reason CONFLICT).
 */
export async function addVersioned(knex: Knex, schema: string, table: string): Promise<void> {
  await knex.raw(`ALTER TABLE ${schema}.${table} ADD COLUMN version integer NOT NULL DEFAULT 1, ADD COLUMN field_changed_at timestamptz`);
  await knex.raw(`
    CREATE FUNCTION ${schema}.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW IS DISTINCT FROM OLD AND NEW.version = OLD.version THEN
        NEW.version := OLD.version + 1;
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER ${table}_bump_version BEFORE UPDATE ON ${schema}.${table}
    FOR EACH ROW EXECUTE FUNCTION ${schema}.bump_version()`);
}

/** Undoes addVersioned. */
export async function dropVersioned(knex: Knex, schema: string, table: string): Promise<void> {
  await knex.raw(`DROP TRIGGER ${table}_bump_version ON ${schema}.${table}`);
  await knex.raw(`DROP FUNCTION ${schema}.bump_version()`);
  await knex.raw(`ALTER TABLE ${schema}.${table} DROP COLUMN version, DROP COLUMN field_changed_at`);
}
