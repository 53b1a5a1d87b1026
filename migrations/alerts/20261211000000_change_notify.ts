import type { Knex } from 'knex';
import { createChangeNotify, dropChangeNotify } from '../_shared/change-notify-20261210.ts';

/**
 * Live alerts (Subscription.alertRaised, issue 12): every committed insert or update of
 * alerts.alert, by the monitor in any process or by plain SQL, sends a NOTIFY on `alerts_changed`
 * that carries ids and statuses only. See migrations/_shared/change-notify-20261210.ts.
 */
export async function up(knex: Knex): Promise<void> {
  await createChangeNotify(knex, 'alerts', 'alert');
}

export async function down(knex: Knex): Promise<void> {
  await dropChangeNotify(knex, 'alerts', 'alert');
}
