import type { Knex } from 'knex';
import { addQualityRecordedBy, dropQualityRecordedBy } from '../_shared/quality-recorded-by-20261204.ts';

/** Who recorded each quality run of the people schema, how, and the part counts (see the shared file). */
export async function up(knex: Knex): Promise<void> {
  await addQualityRecordedBy(knex, 'people');
}

export async function down(knex: Knex): Promise<void> {
  await dropQualityRecordedBy(knex, 'people');
}
