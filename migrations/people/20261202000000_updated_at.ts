import type { Knex } from 'knex';
import { addUpdatedAt, dropUpdatedAt } from '../_shared/updated-at-20261202.ts';

/**
 * For the BI bridge: updated_at (see the shared file) on people.person and people.residence for
 * incremental refreshes, and an index in (address_code, id) order over every residence, current
 * and past, which serves Address.residences (residence_current_idx holds current ones only).
 */
export async function up(knex: Knex): Promise<void> {
  await addUpdatedAt(knex, 'people', 'person', 'id');
  await addUpdatedAt(knex, 'people', 'residence', 'id');
  await knex.raw(`CREATE INDEX residence_address_idx ON people.residence (address_code, id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX people.residence_address_idx`);
  await dropUpdatedAt(knex, 'people', 'residence', false);
  await dropUpdatedAt(knex, 'people', 'person', true);
}
