import type { Knex } from 'knex';
import { addQuarantineStatus, dropQuarantineStatus } from '../_shared/quarantine-status-20261205.ts';

/** Fixed and dropped quarantine rows are marked and kept, not deleted (see the shared file). */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await addQuarantineStatus(knex, 'entities');
}

export async function down(knex: Knex): Promise<void> {
  await dropQuarantineStatus(knex, 'entities');
}
