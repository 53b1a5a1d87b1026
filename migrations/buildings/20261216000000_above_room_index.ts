import type { Knex } from 'knex';

export const config = { transaction: false };

/**
 * The addresses above room level in code order, for `addressesUnder(levels: [...])` without ROOM
 * (the hazard map's and the monitor's "every community / grid / building of the district"). Rooms
 * are 95 % of the registry (322,640 of 340,000 rows at scale 10) and lie among their buildings, so
 * the primary key range of a district with a level filter read every room to return 93
 * communities; the repository (subtreePages, subtreeCounts) scans this partial index instead when
 * the levels asked for leave rooms out. Built CONCURRENTLY: the registry import may be writing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS address_above_room_idx ON buildings.address (code) WHERE level <> 'ROOM'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS buildings.address_above_room_idx`);
}
