import type { Knex } from 'knex';
import { addUpdatedAt, dropUpdatedAt } from '../_shared/updated-at-20261202.ts';

/**
 * For the BI bridge: cases.legal_case.updated_at (see the shared file) for incremental refreshes,
 * and an index in (filed_on DESC, id DESC) order, which serves Address.cases at district level,
 * where legal_case_address_idx cannot give the order of a range spanning the whole table.
 */
export async function up(knex: Knex): Promise<void> {
  await addUpdatedAt(knex, 'cases', 'legal_case', 'id');
  await knex.raw(`CREATE INDEX legal_case_filed_idx ON cases.legal_case (filed_on DESC, id DESC)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX cases.legal_case_filed_idx`);
  await dropUpdatedAt(knex, 'cases', 'legal_case', true);
}
