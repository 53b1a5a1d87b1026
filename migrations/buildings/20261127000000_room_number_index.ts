import type { Knex } from 'knex';

/**
 * The standardizer asks "which room of building B is numbered 1203" for whole batches of
 * addresses at once; (parent_code, room_no) answers each question with one index probe.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX address_room_no_idx ON buildings.address (parent_code, room_no) WHERE level = 'ROOM'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX buildings.address_room_no_idx`);
}
