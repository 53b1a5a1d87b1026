import type { Knex } from 'knex';
import { BUILDING_OR_ROOM_CODE, createImportTables, dropImportTables, LINKABLE_CODE } from '../_shared/import-tables-20261127.ts';

/**
 * Department CSV imports (`npm run import -- cases <file.csv>`).
 *
 * - Address codes (cases.legal_case.address_code) now also admit community (12 digits) and
 *   grid (14) codes, not only building (19) and room (25): a free-text address the standardizer
 *   can only place in a community is still worth linking there rather than losing. Each CHECK
 *   keeps its auto-generated name, so the down migration and anything else that knows it works.
 * - import_run records every run and its match report; import_quarantine holds the rows a run
 *   could not load, with the reason, until a later run loads them; import_seen is a run's scratch
 *   list of record ids, so duplicate ids in a file are found without holding every id in memory.
 *
 * Regular expressions write `{0,1}` for "optional": knex.raw would take a `?` for a bind placeholder.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE cases.legal_case
      DROP CONSTRAINT legal_case_address_code_check,
      ADD CONSTRAINT legal_case_address_code_check CHECK (address_code ~ '${LINKABLE_CODE}')`);
  await createImportTables(knex, 'cases');
}

export async function down(knex: Knex): Promise<void> {
  await dropImportTables(knex, 'cases');
  // fails while community- or grid-level links exist, which is the point: they would not fit
  await knex.raw(`
    ALTER TABLE cases.legal_case
      DROP CONSTRAINT legal_case_address_code_check,
      ADD CONSTRAINT legal_case_address_code_check CHECK (address_code ~ '${BUILDING_OR_ROOM_CODE}')`);
}
