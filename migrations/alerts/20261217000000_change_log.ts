import type { Knex } from 'knex';
import { createChangeNotify } from '../_shared/change-notify-20261210.ts';
import { createChangeLog, dropChangeLog } from '../_shared/change-log-20261217.ts';

/**
 * Changes of alerts.alert go to alerts.change_log instead of NOTIFY alerts_changed (see
 * migrations/_shared/change-log-20261217.ts): a write no longer waits on PostgreSQL's cluster-wide
 * NOTIFY commit lock.
 */
export async function up(knex: Knex): Promise<void> {
  await createChangeLog(knex, 'alerts', 'alert');
}

export async function down(knex: Knex): Promise<void> {
  await dropChangeLog(knex, 'alerts', 'alert', createChangeNotify);
}
