import type { Knex } from 'knex';
import { addFieldWrites, dropFieldWrites } from '../_shared/field-writes-20261205.ts';
import { createIdempotencyTable, dropIdempotencyTable } from '../_shared/idempotency-20261202.ts';

/**
 * The write side of people (residenceStart, residenceEnd, personUpdateContact; issue 11):
 * `version` and `field_changed_at` on people.person and people.residence (see the shared file),
 * and people.idempotency (migrations/_shared/idempotency-20261202.ts).
 * residenceStart finds the person's current residences through residence_person_idx (a person
 * has a handful of residences), so no index is added.
 */
export async function up(knex: Knex): Promise<void> {
  await addFieldWrites(knex, 'people', 'person');
  await addFieldWrites(knex, 'people', 'residence');
  await createIdempotencyTable(knex, 'people');
}

export async function down(knex: Knex): Promise<void> {
  await dropIdempotencyTable(knex, 'people');
  await dropFieldWrites(knex, 'people', 'residence', false);
  await dropFieldWrites(knex, 'people', 'person', true);
}
