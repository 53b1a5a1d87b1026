import type { Knex } from 'knex';
import { createChangeNotify, dropChangeNotify } from '../_shared/change-notify-20261210.ts';

/**
 * Live changes of events (Subscription.eventChanged, issue 11): every committed insert or update of
 * events.event, by a mutation, the importer or plain SQL, sends a NOTIFY on `events_changed` that
 * carries ids and the previous status only, never personal data. See
 * migrations/_shared/change-notify-20261210.ts.
 */
export async function up(knex: Knex): Promise<void> {
  await createChangeNotify(knex, 'events', 'event');
}

export async function down(knex: Knex): Promise<void> {
  await dropChangeNotify(knex, 'events', 'event');
}
