import type { Knex } from 'knex';

export const config = { transaction: false };

/**
 * The addresses above rooms by level, then code: `addressesUnder(levels: [COMMUNITY])` and the
 * other level lists above rooms (buildings.subtreePages) read just the rows of the levels asked
 * for. address_above_room_idx holds every row above rooms in code order, so the district's 93
 * communities at scale 10 were found among 11,244 rows, each fetched from the heap to test its
 * level (buildings lie among their rooms, on as many heap pages): 31-61 ms with the hazard map's
 * other statements running, against 93 rows of this index. Built CONCURRENTLY: the registry import
 * may be writing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS address_level_code_idx ON buildings.address (level, code) WHERE level <> 'ROOM'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS buildings.address_level_code_idx`);
}
