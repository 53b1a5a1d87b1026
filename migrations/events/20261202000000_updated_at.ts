import type { Knex } from 'knex';
import { addUpdatedAt, dropUpdatedAt } from '../_shared/updated-at-20261202.ts';

/**
 * For the BI bridge: events.event.updated_at (see the shared file) for incremental refreshes, and
 * an index in (reported_at DESC, id DESC) order, which serves Address.events at district level: the
 * district's range spans the whole table, so event_address_idx cannot give its order and a page
 * would sort every event of the district; this index is walked from the cursor instead.
 */
export async function up(knex: Knex): Promise<void> {
  await addUpdatedAt(knex, 'events', 'event', 'id');
  await knex.raw(`CREATE INDEX event_reported_idx ON events.event (reported_at DESC, id DESC)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX events.event_reported_idx`);
  await dropUpdatedAt(knex, 'events', 'event', true);
}
