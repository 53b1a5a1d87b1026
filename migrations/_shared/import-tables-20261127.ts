import type { Knex } from 'knex';

/**
 * Shared by the 20261127000000_import migrations of people, entities, events and cases. Like a
 * migration it is frozen: a later change to these tables is a new migration, not an edit here.
 */
export const LINKABLE_CODE = '^[0-9]{12}([0-9]{2}([0-9A-Z]{5}([0-9A-Z]{6}){0,1}){0,1}){0,1}$';
export const BUILDING_OR_ROOM_CODE = '^[0-9]{14}[0-9A-Z]{5}([0-9A-Z]{6}){0,1}$';

/** The import bookkeeping tables; identical in every department schema. */
export async function createImportTables(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`
    CREATE TABLE ${schema}.import_run (
      id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind              text NOT NULL,
      file_name         text NOT NULL,
      file_sha256       text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
      min_level         text NOT NULL CHECK (min_level IN ('COMMUNITY','BUILDING','ROOM')),
      started_at        timestamptz NOT NULL DEFAULT now(),
      finished_at       timestamptz,
      rows_in           integer NOT NULL DEFAULT 0,
      inserted          integer NOT NULL DEFAULT 0,
      updated           integer NOT NULL DEFAULT 0,
      unchanged         integer NOT NULL DEFAULT 0,
      linked_room       integer NOT NULL DEFAULT 0,
      linked_building   integer NOT NULL DEFAULT 0,
      linked_community  integer NOT NULL DEFAULT 0,
      quarantined       integer NOT NULL DEFAULT 0,
      report            jsonb
    )`);
  await knex.raw(`
    CREATE TABLE ${schema}.import_quarantine (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      record_id    text COLLATE "C",
      run_id       bigint NOT NULL REFERENCES ${schema}.import_run (id),
      file_name    text NOT NULL,
      line         integer NOT NULL CHECK (line > 0),
      reason       text NOT NULL CHECK (reason IN ('MALFORMED_CSV','INVALID_ROW','DUPLICATE_IN_FILE','MISSING_ADDRESS','OUTSIDE_DISTRICT','AMBIGUOUS','UNLINKED','CONFLICT')),
      detail       text NOT NULL,
      address      text,
      raw          jsonb NOT NULL,
      first_seen   timestamptz NOT NULL DEFAULT now(),
      last_seen    timestamptz NOT NULL DEFAULT now()
    )`);
  // a row with a usable record id is quarantined once per id, whatever file or line it came from
  await knex.raw(`CREATE UNIQUE INDEX import_quarantine_record_idx ON ${schema}.import_quarantine (record_id) WHERE record_id IS NOT NULL`);
  // one without (unparseable line, bad or duplicate id) once per line of a file
  await knex.raw(`CREATE UNIQUE INDEX import_quarantine_line_idx ON ${schema}.import_quarantine (file_name, line) WHERE record_id IS NULL`);
  await knex.raw(`CREATE INDEX import_quarantine_run_idx ON ${schema}.import_quarantine (run_id)`);
  // scratch: rows live only while their run does, so nothing is gained by WAL-logging them
  await knex.raw(`
    CREATE UNLOGGED TABLE ${schema}.import_seen (
      run_id     bigint NOT NULL,
      record_id  text COLLATE "C" NOT NULL,
      line       integer NOT NULL,
      PRIMARY KEY (run_id, record_id)
    )`);
}

export async function dropImportTables(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`DROP TABLE ${schema}.import_seen, ${schema}.import_quarantine, ${schema}.import_run`);
}
