import type { Knex } from 'knex';
import { addQuarantineCommunity, dropQuarantineCommunity } from '../_shared/quarantine-steward-20261203.ts';

/** The community of a quarantined row, for the stewards' quarantine commands (see the shared file). */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await addQuarantineCommunity(knex, 'entities');
}

export async function down(knex: Knex): Promise<void> {
  await dropQuarantineCommunity(knex, 'entities');
}
