import type { Knex } from 'knex';

export const config = { transaction: false };

/**
 * The located buildings beneath a code with their coordinates, in code order, for the schematic
 * areas of the hazard map (Address.area, buildings.buildingPoints). Without it a district's area
 * read every building row from the heap: buildings lie among their rooms, so the 10,237 buildings
 * of the district at scale 10 sat on 10,020 heap pages (EXPLAIN ANALYZE of the district
 * and its subdistricts: 2.5 s with the pages not cached); with it a range of this partial index answers by an
 * index-only scan. Built CONCURRENTLY: the registry import may be writing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS address_building_point_idx ON buildings.address (code)
    INCLUDE (longitude, latitude) WHERE level = 'BUILDING' AND longitude IS NOT NULL AND latitude IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS buildings.address_building_point_idx`);
}
