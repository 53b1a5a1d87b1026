import type { Knex } from 'knex';
import { addFieldWrites, dropFieldWrites } from '../_shared/field-writes-20261205.ts';
import { createIdempotencyTable, dropIdempotencyTable } from '../_shared/idempotency-20261202.ts';

/**
 * The write side of entities (legalEntityRegister, legalEntityUpdateStatus,
 * legalEntityMoveBusinessAddress; issue 11): `version` and `field_changed_at` on
 * entities.legal_entity (see the shared file), entities.idempotency
 * (migrations/_shared/idempotency-20261202.ts), and entities.status_change: one row per status
 * change made through legalEntityUpdateStatus (who, when, from, to, the note, the version after,
 * the request id and the audit record's id), so a steward can tell why an entity was revoked.
 */
export async function up(knex: Knex): Promise<void> {
  await addFieldWrites(knex, 'entities', 'legal_entity');
  await knex.raw(`
    CREATE TABLE entities.status_change (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      credit_code  text COLLATE "C" NOT NULL REFERENCES entities.legal_entity (credit_code) ON DELETE CASCADE,
      at           timestamptz NOT NULL DEFAULT now(),
      actor        text NOT NULL,
      from_status  text NOT NULL CHECK (from_status IN ('ACTIVE','REVOKED','CANCELLED')),
      to_status    text NOT NULL CHECK (to_status IN ('ACTIVE','REVOKED','CANCELLED')),
      note         text,
      version      integer NOT NULL,
      request_id   text,
      audit_id     bigint
    )`);
  // one entity's changes in order
  await knex.raw(`CREATE INDEX status_change_entity_idx ON entities.status_change (credit_code, id)`);
  await createIdempotencyTable(knex, 'entities');
}

export async function down(knex: Knex): Promise<void> {
  await dropIdempotencyTable(knex, 'entities');
  await knex.raw(`DROP TABLE entities.status_change`);
  await dropFieldWrites(knex, 'entities', 'legal_entity', true);
}
