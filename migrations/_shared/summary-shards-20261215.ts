import type { Knex } from 'knex';
import type { Delta, SummaryTable } from './summaries-20261205.ts';

/**
 * Shared by the 20261215000000_summary_shards migrations of events and cases (issue 11, write
 * speed). Frozen like a migration: a later change is a new file.
 *
 * Why: with one summary row per (level, prefix, key columns), every report into one community
 * upserts the same row (community, kind, REPORTED) and holds its row lock until its transaction
 * commits, audit wait and WAL flush included: concurrent field reports into one community ran one
 * after another (at 16 connections on PostgreSQL, report throughput was bounded by that one row).
 *
 * What: each summary row gains a `shard` column (0..SHARDS-1) in its primary key, and the trigger
 * function of summaries-20261205.ts is replaced by one that adds its deltas to the shard of its
 * session (the setting address_graph.summary_shard, else the backend pid, modulo SHARDS).
 * Transactions of different connections of a pool touch different rows; one connection's
 * transactions run one after another anyway. Counts stay exact: a key's count is the sum of its shards' `n`, which is what
 * every reader already reads (`sum(n)` grouped by what it asks for). Existing rows stay in shard 0.
 * `down` folds the shards back into one row per key before restoring the old key and function.
 */
export const SHARDS = 16;

/**
 * The session's shard: the setting address_graph.summary_shard, which lib/db.ts gives each new
 * connection of a pool in turn (so a pool's connections never share a shard), else the backend pid.
 */
const shardOfSession = `(coalesce(nullif(current_setting('address_graph.summary_shard', true), '')::int, pg_backend_pid()) % ${SHARDS})::smallint`;

function upsert(s: SummaryTable, source: string): string {
  const cols = ['level', 'prefix', ...s.keys].join(', ');
  return `
    INSERT INTO ${s.table} AS s (${cols}, shard, n)
    SELECT ${cols}, ${shardOfSession}, sum(d.n) FROM (${source}) d
    GROUP BY ${cols} HAVING sum(d.n) <> 0 ORDER BY ${cols}
    ON CONFLICT (${cols}, shard) DO UPDATE SET n = s.n + EXCLUDED.n;`;
}

/** The plpgsql body of the trigger function `fn` (the same four operations as summaries-20261205.ts). */
function functionSql(fn: string, summaries: readonly SummaryTable[], delta: Delta, sharded: boolean): string {
  const up = (s: SummaryTable, source: string) => (sharded ? upsert(s, source) : unshardedUpsert(s, source));
  const each = (source: string) => summaries.map((s) => up(s, source)).join('\n');
  const ins = delta('new_rows', '1');
  const del = delta('old_rows', '-1');
  return `
    CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${each(ins)}
      ELSIF TG_OP = 'UPDATE' THEN
        ${each(`${ins} UNION ALL ${del}`)}
      ELSIF TG_OP = 'DELETE' THEN
        ${each(del)}
      ELSE
        ${summaries.map((s) => `DELETE FROM ${s.table};`).join('\n')}
      END IF;
      RETURN NULL;
    END $$`;
}

/** summaries-20261205.ts's upsert (for `down`). */
function unshardedUpsert(s: SummaryTable, source: string): string {
  const cols = ['level', 'prefix', ...s.keys].join(', ');
  return `
    INSERT INTO ${s.table} AS s (${cols}, n)
    SELECT ${cols}, sum(d.n) FROM (${source}) d
    GROUP BY ${cols} HAVING sum(d.n) <> 0 ORDER BY ${cols}
    ON CONFLICT (${cols}) DO UPDATE SET n = s.n + EXCLUDED.n;`;
}

const constraintOf = (table: string) => `${table.split('.')[1]}_pkey`;
const shardIndexOf = (table: string) => `${table.split('.')[1]}_shard_key`;

/**
 * Adds the shard column to each summary's key and replaces `fn` with the sharded function. Runs
 * outside a transaction (the migrations say `config = { transaction: false }`): the new key's
 * index is built CONCURRENTLY while writers go on, then one short transaction swaps the primary
 * key to it and replaces the function together, so no writer ever sees the new function with the
 * old key or the other way round. Every statement can be rerun.
 */
export async function shardSummaries(knex: Knex, o: { fn: string; summaries: readonly SummaryTable[]; delta: Delta }): Promise<void> {
  for (const s of o.summaries) {
    const cols = ['level', 'prefix', ...s.keys, 'shard'].join(', ');
    await knex.raw(`ALTER TABLE ${s.table} ADD COLUMN IF NOT EXISTS shard smallint NOT NULL DEFAULT 0 CHECK (shard >= 0 AND shard < ${SHARDS})`);
    await knex.raw(`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${shardIndexOf(s.table)} ON ${s.table} (${cols})`);
  }
  await knex.transaction(async (trx) => {
    for (const s of o.summaries) {
      // (a rerun after the swap finds the index already renamed to the key's name, and skips it)
      const { rows } = await trx.raw(`SELECT to_regclass(?) IS NOT NULL AS pending`, [`${s.table.split('.')[0]}.${shardIndexOf(s.table)}`]);
      if (!rows[0].pending) continue;
      await trx.raw(`ALTER TABLE ${s.table} DROP CONSTRAINT IF EXISTS ${constraintOf(s.table)},
        ADD CONSTRAINT ${constraintOf(s.table)} PRIMARY KEY USING INDEX ${shardIndexOf(s.table)}`);
    }
    await trx.raw(functionSql(o.fn, o.summaries, o.delta, true));
  });
}

/** Folds the shards into one row per key and restores the unsharded key and function (in one transaction). */
export async function unshardSummaries(knex: Knex, o: { fn: string; summaries: readonly SummaryTable[]; delta: Delta }): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw(functionSql(o.fn, o.summaries, o.delta, false));
    for (const s of o.summaries) {
      const cols = ['level', 'prefix', ...s.keys].join(', ');
      await trx.raw(`
        WITH folded AS (DELETE FROM ${s.table} WHERE shard <> 0 RETURNING ${cols}, n)
        INSERT INTO ${s.table} AS s (${cols}, shard, n)
        SELECT ${cols}, 0, sum(n) FROM folded GROUP BY ${cols}
        ON CONFLICT (${cols}, shard) DO UPDATE SET n = s.n + EXCLUDED.n`);
      await trx.raw(`ALTER TABLE ${s.table} DROP CONSTRAINT ${constraintOf(s.table)}`);
      await trx.raw(`ALTER TABLE ${s.table} DROP COLUMN shard`);
      await trx.raw(`ALTER TABLE ${s.table} ADD CONSTRAINT ${constraintOf(s.table)} PRIMARY KEY (${cols})`);
    }
  });
}
