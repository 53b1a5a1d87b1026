import type { Knex } from 'knex';
import { createIdempotencyTable, dropIdempotencyTable } from '../_shared/idempotency-20261202.ts';
import { addVersioned, dropVersioned } from '../_shared/versioned-20261205.ts';

/**
 * The write side of cases (mutations from the field app, issue 11).
 *
 * cases.legal_case gains `version` and `field_changed_at` (migrations/_shared/versioned-20261205.ts),
 * `opened_by` (the subject that opened it through caseOpen), `address_text` and
 * `address_confidence` (the free text a case was opened with and how sure the standardizer was of
 * the code it landed on).
 *
 * cases.case_history: one row per change made through a mutation (who, when, action, from, to,
 * the outcome a close gave, note, version), with the request id and the audit record id of the
 * write, read as Case.history.
 *
 * cases.idempotency: see migrations/_shared/idempotency-20261202.ts.
 */
export async function up(knex: Knex): Promise<void> {
  await addVersioned(knex, 'cases', 'legal_case');
  await knex.raw(`
    ALTER TABLE cases.legal_case
      ADD COLUMN opened_by text,
      ADD COLUMN address_text text,
      ADD COLUMN address_confidence double precision`);
  await knex.raw(`
    CREATE TABLE cases.case_history (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id      text COLLATE "C" NOT NULL REFERENCES cases.legal_case (id) ON DELETE CASCADE,
      at           timestamptz NOT NULL DEFAULT now(),
      actor        text NOT NULL,
      action       text NOT NULL CHECK (action IN ('OPEN','ACCEPT','START','CLOSE','REOPEN','ADD_PARTY')),
      from_status  text CHECK (from_status IN ('FILED','ACCEPTED','IN_PROGRESS','CLOSED')),
      to_status    text NOT NULL CHECK (to_status IN ('FILED','ACCEPTED','IN_PROGRESS','CLOSED')),
      outcome      text CHECK (outcome IN ('MEDIATED','WITHDRAWN','JUDGED','REFERRED','REJECTED','FAILED')),
      note         text,
      version      integer NOT NULL,
      request_id   text,
      audit_id     bigint
    )`);
  // Case.history: one case's rows in order
  await knex.raw(`CREATE INDEX case_history_case_idx ON cases.case_history (case_id, id)`);
  await createIdempotencyTable(knex, 'cases');
}

export async function down(knex: Knex): Promise<void> {
  await dropIdempotencyTable(knex, 'cases');
  await knex.raw(`DROP TABLE cases.case_history`);
  await knex.raw(`ALTER TABLE cases.legal_case DROP COLUMN opened_by, DROP COLUMN address_text, DROP COLUMN address_confidence`);
  await dropVersioned(knex, 'cases', 'legal_case');
}
