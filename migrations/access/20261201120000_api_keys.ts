import type { Knex } from 'knex';

/**
 * API keys for unattended clients (BI refreshes), checked at the gateway (gateway/api-keys.ts).
 * Stored in the audit database, beside the trail that records every use of a key.
 *
 * - `key_hash` is the SHA-256 (hex) of the key's secret; the key itself is never stored.
 * - `scopes` are what the key grants (no roles); `communities` confines it (null: not confined).
 * - `expires_at` null never expires; `revoked_at` set by `npm run apikey -- revoke`.
 * - `last_used_at` is written at most once a minute per key.
 * Every read is by the primary key.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE access.api_keys (
      id            text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{12}$'),
      name          text NOT NULL CHECK (btrim(name) <> ''),
      key_hash      text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
      scopes        text[] NOT NULL CHECK (cardinality(scopes) > 0),
      communities   text[] CHECK (communities IS NULL OR cardinality(communities) > 0),
      created_at    timestamptz NOT NULL DEFAULT now(),
      created_by    text,
      expires_at    timestamptz,
      revoked_at    timestamptz,
      last_used_at  timestamptz
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE access.api_keys`);
}
