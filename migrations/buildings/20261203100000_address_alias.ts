import type { Knex } from 'knex';

/**
 * Address aliases taught by data stewards (`npm run quarantine -- fix ... --code C`): a text the
 * standardizer could not link, normalized (address/parse.ts normalizeText), and the code a steward
 * assigned to it. The importer looks every text up here before matching it, so the same spelling
 * is never quarantined twice. An alias is never deleted: revoking sets revoked_at/by/reason, and
 * at most one live alias exists per text.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE buildings.address_alias (
      id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      text           text COLLATE "C" NOT NULL CHECK (text <> '' AND length(text) <= 4000),
      code           text COLLATE "C" NOT NULL REFERENCES buildings.address (code),
      created_by     text NOT NULL CHECK (created_by <> ''),
      created_at     timestamptz NOT NULL DEFAULT now(),
      revoked_at     timestamptz,
      revoked_by     text,
      revoke_reason  text,
      CONSTRAINT address_alias_revoked_check CHECK (
        (revoked_at IS NULL AND revoked_by IS NULL AND revoke_reason IS NULL)
        OR (revoked_at IS NOT NULL AND revoked_by <> '' AND revoke_reason <> ''))
    )`);
  // the importer's lookup: one probe per distinct text, live aliases only
  await knex.raw(`CREATE UNIQUE INDEX address_alias_live_idx ON buildings.address_alias (text) WHERE revoked_at IS NULL`);
  // the foreign key's index: a registry row's aliases
  await knex.raw(`CREATE INDEX address_alias_code_idx ON buildings.address_alias (code)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE buildings.address_alias`);
}
