import type { Knex } from 'knex';

/**
 * The audit log of person-level reads (people, residences, case parties, event participants).
 * Written in batches by lib/audit.ts (from every subgraph that shares this database), read by
 * lib/audit-repository.ts.
 *
 * Columns
 * - `at` is when the request was served (the writer sends the time record() was called; the
 *   default only covers hand-written rows); `id` orders rows of the same instant.
 * - `subject` null = anonymous; `operation_hash` = sha256 hex of the query text.
 * - `address_scopes` is every address code returned plus each of their level prefixes
 *   (district 6, subdistrict 9, community 12, grid 14, building 19, room 25), so "who looked at
 *   anything under community C" is `address_scopes @> ARRAY[C]`: one GIN lookup, like "who looked
 *   at person X" (`person_ids @> ARRAY[X]`). A GIN index on address_codes itself cannot answer a
 *   prefix question, and a btree over an array compares whole arrays; the alternative, a child
 *   table of (code, audit id) with a COLLATE "C" btree, costs a second insert per batch for the
 *   same reads. The writer computes the scopes (lib/audit.ts addressScopes()): as a generated
 *   column it needs a function over the array, measured at ~20 µs a row on PostgreSQL 15, about
 *   four times the rest of the insert. The CHECK keeps at least the codes themselves in it.
 *
 * Append-only
 * - One statement-level trigger refuses UPDATE, DELETE and TRUNCATE (statement-level, so even
 *   an UPDATE or DELETE that matches no row is refused). Triggers fire for every role,
 *   superusers included, and on PGlite. ENABLE ALWAYS keeps it firing under
 *   `session_replication_role = replica`, the usual way to skip triggers. Only the table's owner
 *   can still `ALTER TABLE ... DISABLE TRIGGER` or DROP it, so the application must not connect
 *   as the owner (the role that runs migrations) in production.
 * - REVOKE UPDATE, DELETE, TRUNCATE FROM PUBLIC (PUBLIC holds none of them by default; this only
 *   states the intent and undoes a site-wide grant).
 * - The application role. Roles are cluster-wide and belong to the operator, so this migration
 *   does not create one (CREATE ROLE here would also race between databases of one cluster
 *   migrated in parallel, as the tests do, and PGlite has a single user anyway). When a role
 *   named `address_graph_app` exists, the migration grants it exactly INSERT and SELECT, and
 *   first revokes UPDATE, DELETE, TRUNCATE in case ALTER DEFAULT PRIVILEGES or a schema-wide
 *   `GRANT ALL` handed them out when the table was created. When it does not exist, nothing
 *   happens; an operator who creates it later runs the same statements:
 *
 *     CREATE ROLE address_graph_app LOGIN PASSWORD '...';
 *     GRANT USAGE ON SCHEMA people TO address_graph_app;
 *     GRANT SELECT, INSERT ON people.audit_log TO address_graph_app;
 *     -- no grant on the identity sequence is needed: GENERATED ALWAYS AS IDENTITY does not check it
 *
 *   (plus whatever that role needs on the subgraph's other tables).
 */

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE people.audit_log (
      id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at              timestamptz NOT NULL DEFAULT now(),
      subject         text,
      roles           text[] NOT NULL DEFAULT '{}',
      subgraph        text NOT NULL,
      operation_name  text,
      operation_hash  text NOT NULL,
      client_name     text,
      purpose         text,
      person_ids      text[] NOT NULL,
      address_codes   text[] NOT NULL,
      request_id      text,
      address_scopes  text[] NOT NULL CHECK (address_scopes @> address_codes)
    )`);
  // newest first, and from/to ranges (every read orders by at DESC, id DESC)
  await knex.raw(`CREATE INDEX audit_log_at_idx ON people.audit_log (at DESC, id DESC)`);
  // "what did subject S look at", newest first, without a sort
  await knex.raw(`CREATE INDEX audit_log_subject_idx ON people.audit_log (subject, at DESC, id DESC)`);
  // "who looked at person X"
  await knex.raw(`CREATE INDEX audit_log_person_ids_idx ON people.audit_log USING gin (person_ids)`);
  // "who looked at address A or anything under it"
  await knex.raw(`CREATE INDEX audit_log_address_scopes_idx ON people.audit_log USING gin (address_scopes)`);

  await knex.raw(`
    CREATE FUNCTION people.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'people.audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit records can only be inserted and read.';
    END
    $$`);
  await knex.raw(`
    CREATE TRIGGER audit_log_append_only
      BEFORE UPDATE OR DELETE OR TRUNCATE ON people.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION people.audit_log_append_only()`);
  await knex.raw(`ALTER TABLE people.audit_log ENABLE ALWAYS TRIGGER audit_log_append_only`);

  await knex.raw(`REVOKE UPDATE, DELETE, TRUNCATE ON people.audit_log FROM PUBLIC`);
  await knex.raw(`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'address_graph_app') THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON people.audit_log FROM address_graph_app;
        GRANT USAGE ON SCHEMA people TO address_graph_app;
        GRANT SELECT, INSERT ON people.audit_log TO address_graph_app;
      END IF;
    END
    $$`);
}

export async function down(knex: Knex): Promise<void> {
  // DROP is not a trigger event: rolling back the migration drops the log with it.
  await knex.raw(`DROP TABLE people.audit_log`);
  await knex.raw(`DROP FUNCTION people.audit_log_append_only()`);
}
