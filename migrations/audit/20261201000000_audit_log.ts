import type { Knex } from 'knex';

/**
 * The audit trail's own schema (`audit`, owned by no subgraph): a hash-chained, append-only log of
 * person-level reads, written by every subgraph through audit/writer.ts and read by
 * audit/repository.ts. Recomputed by `npm run audit -- verify` (audit/verify.ts).
 *
 * The chain
 * - `audit.log` rows are only ever inserted by `audit.append(...)`, a SECURITY DEFINER function
 *   that takes one array per column for a whole batch (group commit: one call per batch). It
 *   locks the one-row `audit.chain_head` (FOR UPDATE), so appends are serialized; then it sets,
 *   per record, `id` = head id + 1 (gap-free), `at` = clock_timestamp() taken after the lock (the
 *   caller cannot choose the time, and `at` never goes backwards along the ids), `prev_hash` =
 *   the head's hash and `hash` = audit.record_hash(...) over the record's content and prev_hash.
 * - The genesis hash (before id 1) is 64 zeros.
 * - The canonical encoding (audit/chain.ts computes the same in JS): the text `audit-v1`
 *   followed by each field in a fixed order; a text is `<octets>:<value>` (octet_length), NULL is
 *   `-` (so NULL differs from ''), an array is `[<count>:` followed by its elements encoded as
 *   texts. `at` is encoded as its UTC text with microseconds (YYYY-MM-DDTHH:MI:SS.ffffffZ) and
 *   `id` as decimal. hash = hex(sha256(utf8(encoding))).
 *
 * Append-only and the role split
 * - A statement trigger refuses UPDATE, DELETE and TRUNCATE on both tables for every role
 *   (ENABLE ALWAYS: also under session_replication_role = replica). The owner (the role that
 *   runs migrations) can still disable it: that is what the chain is for; a complete rewrite by
 *   the owner is caught by checking an anchor noted earlier (`verify --anchor ID:HASH`).
 * - PUBLIC gets nothing: no table privilege and no EXECUTE on audit.append. The services' role
 *   (AUDIT_APP_ROLE, default address_graph_app) is granted USAGE on the schema, EXECUTE on
 *   audit.append and SELECT on audit.log by audit/migrate.ts after every migration, when that role
 *   exists (roles are cluster-wide and belong to the operator; this migration creates none).
 *
 * Existing data: when `people.audit_log` (the log before this schema) exists in the same database,
 * its rows are copied into the chain here, oldest first (at, id), keeping their `at`; the old table
 * is left as it was.
 */

const AT_KEY = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE audit.chain_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      id        bigint NOT NULL,
      hash      text NOT NULL
    )`);
  await knex.raw(`INSERT INTO audit.chain_head (singleton, id, hash) VALUES (true, 0, repeat('0', 64))`);
  await knex.raw(`
    CREATE TABLE audit.log (
      id              bigint PRIMARY KEY,
      at              timestamptz NOT NULL,
      subject         text,
      roles           text[] NOT NULL,
      subgraph        text NOT NULL,
      operation_name  text,
      operation_hash  text NOT NULL,
      client_name     text,
      purpose         text,
      person_ids      text[] NOT NULL,
      address_codes   text[] NOT NULL,
      request_id      text,
      address_scopes  text[] NOT NULL CHECK (address_scopes @> address_codes),
      prev_hash       text NOT NULL,
      hash            text NOT NULL
    )`);
  // newest first, and from/to ranges (every read orders by at DESC, id DESC)
  await knex.raw(`CREATE INDEX log_at_idx ON audit.log (at DESC, id DESC)`);
  // "what did subject S look at", newest first, without a sort
  await knex.raw(`CREATE INDEX log_subject_idx ON audit.log (subject, at DESC, id DESC)`);
  // "who looked at person X"
  await knex.raw(`CREATE INDEX log_person_ids_idx ON audit.log USING gin (person_ids)`);
  // "who looked at address A or anything under it", and a confined auditor's communities (&&)
  await knex.raw(`CREATE INDEX log_address_scopes_idx ON audit.log USING gin (address_scopes)`);

  await knex.raw(`
    CREATE FUNCTION audit.enc_text(v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN v IS NULL THEN '-' ELSE octet_length(v)::text || ':' || v END
    $$`);
  // plpgsql, not SQL: a SQL function over unnest() is not inlined here and cost ~230 µs a record on
  // PostgreSQL 15, these ~16 µs (measured with 5,000 calls)
  await knex.raw(`
    CREATE FUNCTION audit.enc_array(v text[]) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
      out text;
      e text;
    BEGIN
      IF v IS NULL THEN RETURN '-'; END IF;
      out := '[' || coalesce(cardinality(v), 0)::text || ':';
      FOREACH e IN ARRAY v LOOP
        out := out || audit.enc_text(e);
      END LOOP;
      RETURN out;
    END
    $$`);
  await knex.raw(`
    CREATE FUNCTION audit.record_hash(
      id bigint, prev_hash text, at_key text, subject text, roles text[], subgraph text, operation_name text,
      operation_hash text, client_name text, purpose text, person_ids text[], address_codes text[],
      request_id text, address_scopes text[]
    ) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
      RETURN encode(sha256(convert_to(
        'audit-v1' || audit.enc_text(id::text) || audit.enc_text(prev_hash) || audit.enc_text(at_key) ||
        audit.enc_text(subject) || audit.enc_array(roles) || audit.enc_text(subgraph) ||
        audit.enc_text(operation_name) || audit.enc_text(operation_hash) || audit.enc_text(client_name) ||
        audit.enc_text(purpose) || audit.enc_array(person_ids) || audit.enc_array(address_codes) ||
        audit.enc_text(request_id) || audit.enc_array(address_scopes), 'UTF8')), 'hex');
    END
    $$`);

  // one call per batch: one array per column; the array-valued columns come as array literals
  await knex.raw(`
    CREATE FUNCTION audit.append(
      p_subjects text[], p_roles text[], p_subgraphs text[], p_operation_names text[], p_operation_hashes text[],
      p_client_names text[], p_purposes text[], p_person_ids text[], p_address_codes text[], p_request_ids text[],
      p_address_scopes text[]
    ) RETURNS TABLE (log_id bigint, log_at timestamptz, log_hash text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
      n int := coalesce(cardinality(p_subgraphs), 0);
      head_id bigint;
      head_hash text;
      t timestamptz;
      t_key text;
      h text;
      r_roles text[];
      r_person_ids text[];
      r_address_codes text[];
      r_address_scopes text[];
    BEGIN
      IF n = 0 THEN RETURN; END IF;
      IF coalesce(cardinality(p_subjects), 0) <> n OR coalesce(cardinality(p_roles), 0) <> n
         OR coalesce(cardinality(p_operation_names), 0) <> n OR coalesce(cardinality(p_operation_hashes), 0) <> n
         OR coalesce(cardinality(p_client_names), 0) <> n OR coalesce(cardinality(p_purposes), 0) <> n
         OR coalesce(cardinality(p_person_ids), 0) <> n OR coalesce(cardinality(p_address_codes), 0) <> n
         OR coalesce(cardinality(p_request_ids), 0) <> n OR coalesce(cardinality(p_address_scopes), 0) <> n THEN
        RAISE EXCEPTION 'audit.append: every array must hold % elements', n USING ERRCODE = 'invalid_parameter_value';
      END IF;
      SELECT c.id, c.hash INTO head_id, head_hash FROM audit.chain_head c WHERE c.singleton FOR UPDATE;
      -- after the lock: the order of at follows the order of ids
      t := clock_timestamp();
      t_key := to_char(t AT TIME ZONE 'UTC', ${AT_KEY});
      FOR i IN 1..n LOOP
        head_id := head_id + 1;
        r_roles := p_roles[i]::text[];
        r_person_ids := p_person_ids[i]::text[];
        r_address_codes := p_address_codes[i]::text[];
        r_address_scopes := p_address_scopes[i]::text[];
        h := audit.record_hash(head_id, head_hash, t_key, p_subjects[i], r_roles, p_subgraphs[i], p_operation_names[i],
          p_operation_hashes[i], p_client_names[i], p_purposes[i], r_person_ids, r_address_codes, p_request_ids[i], r_address_scopes);
        INSERT INTO audit.log (id, at, subject, roles, subgraph, operation_name, operation_hash, client_name, purpose,
                               person_ids, address_codes, request_id, address_scopes, prev_hash, hash)
        VALUES (head_id, t, p_subjects[i], r_roles, p_subgraphs[i], p_operation_names[i], p_operation_hashes[i],
                p_client_names[i], p_purposes[i], r_person_ids, r_address_codes, p_request_ids[i], r_address_scopes, head_hash, h);
        head_hash := h;
        log_id := head_id;
        log_at := t;
        log_hash := h;
        RETURN NEXT;
      END LOOP;
      UPDATE audit.chain_head SET id = head_id, hash = head_hash WHERE singleton;
    END
    $$`);

  await knex.raw(`
    CREATE FUNCTION audit.append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '%.% is append-only: % is not allowed', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit records are added by audit.append() and can only be read.';
    END
    $$`);
  await knex.raw(`
    CREATE TRIGGER log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit.log
      FOR EACH STATEMENT EXECUTE FUNCTION audit.append_only()`);
  await knex.raw(`ALTER TABLE audit.log ENABLE ALWAYS TRIGGER log_append_only`);
  // the head moves only forward, inside audit.append (UPDATE); it is never removed
  await knex.raw(`
    CREATE TRIGGER chain_head_kept BEFORE DELETE OR TRUNCATE ON audit.chain_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit.append_only()`);
  await knex.raw(`ALTER TABLE audit.chain_head ENABLE ALWAYS TRIGGER chain_head_kept`);

  await knex.raw(`REVOKE ALL ON audit.log, audit.chain_head FROM PUBLIC`);
  await knex.raw(`REVOKE ALL ON FUNCTION audit.append(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) FROM PUBLIC`);

  // the log before this schema: copied into the chain oldest first, keeping its times
  await knex.raw(`
    DO $$
    DECLARE
      head_id bigint := 0;
      head_hash text := repeat('0', 64);
      h text;
      r record;
    BEGIN
      IF to_regclass('people.audit_log') IS NULL THEN RETURN; END IF;
      FOR r IN EXECUTE 'SELECT * FROM people.audit_log ORDER BY at, id' LOOP
        head_id := head_id + 1;
        h := audit.record_hash(head_id, head_hash, to_char(r.at AT TIME ZONE 'UTC', ${AT_KEY}), r.subject, r.roles, r.subgraph,
          r.operation_name, r.operation_hash, r.client_name, r.purpose, r.person_ids, r.address_codes, r.request_id, r.address_scopes);
        INSERT INTO audit.log (id, at, subject, roles, subgraph, operation_name, operation_hash, client_name, purpose,
                               person_ids, address_codes, request_id, address_scopes, prev_hash, hash)
        VALUES (head_id, r.at, r.subject, r.roles, r.subgraph, r.operation_name, r.operation_hash, r.client_name, r.purpose,
                r.person_ids, r.address_codes, r.request_id, r.address_scopes, head_hash, h);
        head_hash := h;
      END LOOP;
      UPDATE audit.chain_head SET id = head_id, hash = head_hash WHERE singleton;
    END
    $$`);
}

export async function down(knex: Knex): Promise<void> {
  // DROP is not a trigger event: rolling back the migration drops the log with it.
  await knex.raw(`DROP TABLE audit.log`);
  await knex.raw(`DROP TABLE audit.chain_head`);
  await knex.raw(`DROP FUNCTION audit.append_only(), audit.append(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]), audit.record_hash(bigint, text, text, text, text[], text, text, text, text, text, text[], text[], text, text[]), audit.enc_array(text[]), audit.enc_text(text)`);
}
