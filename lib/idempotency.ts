/**
 * The idempotency store of a subgraph's mutations: `<schema>.idempotency`
 * (migrations/_shared/idempotency-20261202.ts), written only inside the mutation's transaction
 * (lib/mutations.ts runMutation). Every statement of it is here.
 */
import { query, type Db } from './db.ts';

export type Claim =
  | { claimed: true }
  | { claimed: false; operation: string; inputHash: string; result: unknown };

/** Expired keys removed per claim, oldest first (the table never holds much more than a day of keys). */
const PURGE_BATCH = 20;

export function createIdempotencyStore(schema: string) {
  const table = `${schema}.idempotency`;
  return {
    /**
     * Takes (subject, key) for this request: inserts its row, or takes over an expired one. When a
     * live row exists (committed, or the concurrent first attempt's, whose commit this waits for)
     * returns what it holds instead.
     */
    async claim(trx: Db, c: { subject: string; key: string; operation: string; inputHash: string; ttlHours: number }): Promise<Claim> {
      const taken = await query<{ ok: boolean }>(trx,
        `/* idempotency.claim */ INSERT INTO ${table} AS i (subject, key, operation, input_hash, result, expires_at)
        VALUES (?, ?, ?, ?, 'null'::jsonb, now() + ? * interval '1 hour')
        ON CONFLICT (subject, key) DO UPDATE SET operation = excluded.operation, input_hash = excluded.input_hash,
          result = excluded.result, created_at = now(), expires_at = excluded.expires_at
        WHERE i.expires_at <= now()
        RETURNING true AS ok`,
        [c.subject, c.key, c.operation, c.inputHash, c.ttlHours]);
      if (taken.length > 0) {
        await query(trx,
          `/* idempotency.purge */ DELETE FROM ${table} WHERE (subject, key) IN (
            SELECT subject, key FROM ${table} WHERE expires_at <= now() ORDER BY expires_at LIMIT ${PURGE_BATCH})`);
        return { claimed: true };
      }
      const [row] = await query<{ operation: string; inputHash: string; result: unknown }>(trx,
        `/* idempotency.find */ SELECT operation, input_hash AS "inputHash", result FROM ${table} WHERE subject = ? AND key = ?`,
        [c.subject, c.key]);
      if (!row) throw new Error(`idempotency key ${c.key} is neither free nor held`);
      return { claimed: false, ...row };
    },

    /** Stores the result a replay of the key returns. */
    async remember(trx: Db, subject: string, key: string, result: unknown): Promise<void> {
      await query(trx, `/* idempotency.remember */ UPDATE ${table} SET result = ?::jsonb WHERE subject = ? AND key = ?`,
        [JSON.stringify(result), subject, key]);
    },

    /** Gives the key back (the request was refused and wrote nothing): a retry runs again. */
    async release(trx: Db, subject: string, key: string): Promise<void> {
      await query(trx, `/* idempotency.release */ DELETE FROM ${table} WHERE subject = ? AND key = ?`, [subject, key]);
    },
  };
}
