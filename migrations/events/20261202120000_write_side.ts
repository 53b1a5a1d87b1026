import type { Knex } from 'knex';
import { createIdempotencyTable, dropIdempotencyTable } from '../_shared/idempotency-20261202.ts';

/**
 * The write side of events (mutations from the field app, issue 11).
 *
 * events.event gains
 * - `version`: 1 for every existing row, +1 on every change. Mutations take the version the client
 *   saw and update `WHERE version = $v` (optimistic concurrency). A BEFORE UPDATE trigger bumps it
 *   on any other change too (an import that changes a row), so a client holding an old version
 *   cannot overwrite what an import wrote either.
 * - `field_changed_at`: when the field app (a mutation) last changed the row; null for rows only
 *   ever written by imports. The importer does not overwrite a row the field app has changed
 *   (importer/repository.ts quarantines the department's record instead, reason CONFLICT).
 * - `assigned_unit` / `assigned_person_id`: who the event is assigned to (a unit's name, or a
 *   person of the people subgraph, known here by id only).
 * - `closed_at`; `reported_by` (the subject that reported it in the app); `address_text` and
 *   `address_confidence` (the free text an event was reported with and how sure the
 *   standardizer was of the code it landed on).
 *
 * events.event_history: one row per change made through a mutation (who, when, from, to, note),
 * with the request id and the audit record id of the write, read as Event.history.
 *
 * events.idempotency: see migrations/_shared/idempotency-20261202.ts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE events.event
      ADD COLUMN version integer NOT NULL DEFAULT 1,
      ADD COLUMN field_changed_at timestamptz,
      ADD COLUMN assigned_unit text,
      ADD COLUMN assigned_person_id text COLLATE "C",
      ADD COLUMN closed_at timestamptz,
      ADD COLUMN reported_by text,
      ADD COLUMN address_text text,
      ADD COLUMN address_confidence double precision`);
  await knex.raw(`
    CREATE FUNCTION events.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW IS DISTINCT FROM OLD AND NEW.version = OLD.version THEN
        NEW.version := OLD.version + 1;
      END IF;
      RETURN NEW;
    END $$`);
  // named to run before event_touch_updated_at (triggers fire in name order); both compare NEW to OLD
  await knex.raw(`
    CREATE TRIGGER event_bump_version BEFORE UPDATE ON events.event
    FOR EACH ROW EXECUTE FUNCTION events.bump_version()`);
  await knex.raw(`
    CREATE TABLE events.event_history (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id     text COLLATE "C" NOT NULL REFERENCES events.event (id) ON DELETE CASCADE,
      at           timestamptz NOT NULL DEFAULT now(),
      actor        text NOT NULL,
      action       text NOT NULL CHECK (action IN ('REPORT','ASSIGN','RESOLVE','CLOSE','REOPEN','ADD_PARTICIPANT')),
      from_status  text CHECK (from_status IN ('REPORTED','ASSIGNED','RESOLVED','CLOSED')),
      to_status    text NOT NULL CHECK (to_status IN ('REPORTED','ASSIGNED','RESOLVED','CLOSED')),
      note         text,
      version      integer NOT NULL,
      request_id   text,
      audit_id     bigint
    )`);
  // Event.history: one event's rows in order
  await knex.raw(`CREATE INDEX event_history_event_idx ON events.event_history (event_id, id)`);
  await createIdempotencyTable(knex, 'events');
}

export async function down(knex: Knex): Promise<void> {
  await dropIdempotencyTable(knex, 'events');
  await knex.raw(`DROP TABLE events.event_history`);
  await knex.raw(`DROP TRIGGER event_bump_version ON events.event`);
  await knex.raw(`DROP FUNCTION events.bump_version()`);
  await knex.raw(`
    ALTER TABLE events.event
      DROP COLUMN version, DROP COLUMN field_changed_at, DROP COLUMN assigned_unit, DROP COLUMN assigned_person_id,
      DROP COLUMN closed_at, DROP COLUMN reported_by, DROP COLUMN address_text, DROP COLUMN address_confidence`);
}
