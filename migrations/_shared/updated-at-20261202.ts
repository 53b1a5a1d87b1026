import type { Knex } from 'knex';

/**
 * Shared by the 20261202000000_updated_at migrations of events, cases, entities and people.
 * Frozen like a migration: a later change is a new file.
 *
 * `updated_at timestamptz NOT NULL DEFAULT now()` on a table, kept by a BEFORE UPDATE trigger
 * that sets now() only when the row actually changes (`NEW IS DISTINCT FROM OLD`), so an
 * importer's upsert that rewrites the same values leaves it alone and one that changes anything
 * bumps it. Existing rows are backfilled with the migration's time (now(), a constant default, so
 * PostgreSQL adds the column without rewriting the table): when they last changed is not known,
 * and a first incremental refresh after the migration must take them all.
 *
 * An index on (updated_at, <key>) serves the `updatedSince` / `updatedBefore` filters.
 */
export async function addUpdatedAt(knex: Knex, schema: string, table: string, key: string): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION ${schema}.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(`ALTER TABLE ${schema}.${table} ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
  await knex.raw(`
    CREATE TRIGGER ${table}_touch_updated_at BEFORE UPDATE ON ${schema}.${table}
    FOR EACH ROW EXECUTE FUNCTION ${schema}.touch_updated_at()`);
  await knex.raw(`CREATE INDEX ${table}_updated_idx ON ${schema}.${table} (updated_at, ${key})`);
}

/** Undoes addUpdatedAt for one table; `dropFunction` on the schema's last table. */
export async function dropUpdatedAt(knex: Knex, schema: string, table: string, dropFunction: boolean): Promise<void> {
  await knex.raw(`DROP TRIGGER ${table}_touch_updated_at ON ${schema}.${table}`);
  await knex.raw(`ALTER TABLE ${schema}.${table} DROP COLUMN updated_at`);
  if (dropFunction) await knex.raw(`DROP FUNCTION ${schema}.touch_updated_at()`);
}
