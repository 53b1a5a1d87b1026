import type { Knex } from 'knex';
import { addUpdatedAt, dropUpdatedAt } from '../_shared/updated-at-20261202.ts';

/** For the BI bridge: entities.legal_entity.updated_at (see the shared file) for incremental refreshes. */
export async function up(knex: Knex): Promise<void> {
  await addUpdatedAt(knex, 'entities', 'legal_entity', 'credit_code');
}

export async function down(knex: Knex): Promise<void> {
  await dropUpdatedAt(knex, 'entities', 'legal_entity', true);
}
