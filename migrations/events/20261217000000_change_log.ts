import type { Knex } from 'knex';
import { createChangeNotify } from '../_shared/change-notify-20261210.ts';
import { createChangeLog, dropChangeLog } from '../_shared/change-log-20261217.ts';

/**
 * Changes of events.event go to events.change_log instead of NOTIFY events_changed (see
 * migrations/_shared/change-log-20261217.ts): a write no longer waits on PostgreSQL's cluster-wide
 * NOTIFY commit lock.
 */
export async function up(knex: Knex): Promise<void> {
  await createChangeLog(knex, 'events', 'event');
}

export async function down(knex: Knex): Promise<void> {
  await dropChangeLog(knex, 'events', 'event', createChangeNotify);
}
