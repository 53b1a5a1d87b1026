import type { Knex } from 'knex';

/**
 * seed_run: one row per demo data load (seeds/load.ts), written before its first COPY and marked
 * completed after the last table's COPY and ANALYZE. A load killed midway leaves its row without
 * completed_at, so `npm start` can tell a partial load from a complete one and redo it instead of
 * serving it. It sits in the buildings schema because the registry is loaded first and every
 * other table hangs off it.
 *
 * A database seeded before this table existed is adopted as complete: it was served as complete
 * until now, and reloading it unasked would discard what was imported into it since.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE buildings.seed_run (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      options       jsonb NOT NULL,
      started_at    timestamptz NOT NULL DEFAULT now(),
      completed_at  timestamptz,
      counts        jsonb
    )`);
  await knex.raw(`
    INSERT INTO buildings.seed_run (options, completed_at)
    SELECT '{"adopted": "seeded before seed_run existed"}'::jsonb, now()
    WHERE EXISTS (SELECT 1 FROM buildings.address)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE buildings.seed_run`);
}
