import type { Knex } from 'knex';
import { addRunStatusAndPurge, dropRunStatusAndPurge } from '../_shared/import-tables-20261201.ts';

/** Import runs carry a status and current counters; quarantine values can be purged (see the shared file). */
export async function up(knex: Knex): Promise<void> {
  await addRunStatusAndPurge(knex, 'events');
}

export async function down(knex: Knex): Promise<void> {
  await dropRunStatusAndPurge(knex, 'events');
}
