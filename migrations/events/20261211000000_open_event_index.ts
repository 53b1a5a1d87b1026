import type { Knex } from 'knex';

export const config = { transaction: false };

/**
 * Open events (REPORTED, ASSIGNED) by address and report time, for the hazard map's and the
 * dashboard's `events(status: [REPORTED, ASSIGNED], since: …) { totalCount }` at district and
 * subdistrict level (events.eventCountWide). Without it the district's count walked
 * event_reported_idx over every event of the window and read each row from the heap to test its
 * status and address (171 ms at scale 10: 22,828 rows, 7,188 buffers, for 9,149 open ones);
 * open events are about an eighth of the table, so this partial index is small and a count is an
 * index-only range scan of the address prefix. kind and severity are included for the map's filters.
 * Built CONCURRENTLY: the importer and the field app may be writing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS event_open_idx ON events.event (address_code, reported_at)
    INCLUDE (status, kind, severity) WHERE status IN ('REPORTED', 'ASSIGNED')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS events.event_open_idx`);
}
