import type { Knex } from 'knex';

/**
 * Shared by the write-side migrations of the subgraphs (events first; cases, people and entities
 * when they gain mutations). Frozen like a migration: a later change is a new file.
 *
 * `<schema>.idempotency` remembers, per subject (the token's `sub`) and client-chosen key (a
 * mutation's `clientMutationId`), which operation ran with which input (sha256 of its canonical
 * JSON) and what it answered, until `expires_at`. lib/idempotency.ts reads and writes it in the
 * mutation's own transaction, so a key is recorded if and only if its write committed. The row
 * of a key past its expiry is replaced by the next use of the key and purged a few at a time.
 */
export async function createIdempotencyTable(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`
    CREATE TABLE ${schema}.idempotency (
      subject     text COLLATE "C" NOT NULL,
      key         text COLLATE "C" NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      operation   text NOT NULL,
      input_hash  text NOT NULL,
      result      jsonb NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      expires_at  timestamptz NOT NULL,
      PRIMARY KEY (subject, key)
    )`);
  // the purge takes the oldest expired rows first
  await knex.raw(`CREATE INDEX idempotency_expires_idx ON ${schema}.idempotency (expires_at)`);
}

export async function dropIdempotencyTable(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`DROP TABLE ${schema}.idempotency`);
}
