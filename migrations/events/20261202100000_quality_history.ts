import type { Knex } from 'knex';
import { addQualityHistory, dropQualityHistory } from '../_shared/quality-history-20261202.ts';

/** History of the data-quality checks of the events schema (`npm run quality`; see the shared file). */
export async function up(knex: Knex): Promise<void> {
  await addQualityHistory(knex, 'events');
}

export async function down(knex: Knex): Promise<void> {
  await dropQualityHistory(knex, 'events');
}
