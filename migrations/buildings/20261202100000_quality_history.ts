import type { Knex } from 'knex';
import { addQualityHistory, dropQualityHistory } from '../_shared/quality-history-20261202.ts';

/** History of the data-quality checks of the buildings schema (`npm run quality`; see the shared file). */
export async function up(knex: Knex): Promise<void> {
  await addQualityHistory(knex, 'buildings');
}

export async function down(knex: Knex): Promise<void> {
  await dropQualityHistory(knex, 'buildings');
}
