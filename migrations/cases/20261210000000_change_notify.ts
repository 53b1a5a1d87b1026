import type { Knex } from 'knex';
import { createChangeNotify, dropChangeNotify } from '../_shared/change-notify-20261210.ts';

/**
 * Live changes of cases (Subscription.caseChanged, issue 11): every committed insert or update of
 * cases.legal_case, by a mutation, the importer or plain SQL, sends a NOTIFY on `cases_changed`
 * that carries ids and the previous status only, never personal data. See
 * migrations/_shared/change-notify-20261210.ts.
 */
export async function up(knex: Knex): Promise<void> {
  await createChangeNotify(knex, 'cases', 'legal_case');
}

export async function down(knex: Knex): Promise<void> {
  await dropChangeNotify(knex, 'cases', 'legal_case');
}
