import type { Knex } from 'knex';

/**
 * Shared by the 20261204000000_quality_recorded_by migrations of every subgraph schema. Frozen like
 * a migration: a later change is a new file.
 *
 * What GET /quality needs to serve a recorded run instead of computing one under the request
 * timeout (quality/recorded.ts):
 * - `recorded_by`: who ran it (`npm run quality --as NAME`, default the OS user); null for runs
 *   recorded before this column existed;
 * - `command`: how it was run (the command line, or the schedule's label `--via`);
 * - `parts`: the part counts of the line (linkage: room, building, coarse), as a JSON object.
 * All nullable without a default: adding them rewrites nothing and takes no long lock.
 */
export async function addQualityRecordedBy(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`ALTER TABLE ${schema}.quality_result ADD COLUMN recorded_by text, ADD COLUMN command text, ADD COLUMN parts jsonb`);
}

export async function dropQualityRecordedBy(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`ALTER TABLE ${schema}.quality_result DROP COLUMN parts, DROP COLUMN command, DROP COLUMN recorded_by`);
}
