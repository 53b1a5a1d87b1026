import type { Knex } from 'knex';

/**
 * Shared by the 20261202100000_quality_history migrations of every subgraph schema. Frozen like a
 * migration: a later change is a new file.
 *
 * `<schema>.quality_result`: one row per data-quality check, community and segment of one run of
 * `npm run quality` (quality/), so a steward sees a trend per check and volume checks compare with
 * the previous run. Each subgraph keeps the results of its own checks in its own schema (a subgraph
 * may live in a database of its own). Counts only, never a record's values: `total` rows looked at,
 * `bad` rows failing, `value` the measure (share, age in days, rows), unsuppressed (outputs suppress
 * small cells when they are read). `community` is the 12-digit community code, '' for records
 * placed in none (or run-level checks); `segment` a sub-group such as an event source, '' for none.
 */
export async function addQualityHistory(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`
    CREATE TABLE ${schema}.quality_result (
      run_id     text COLLATE "C" NOT NULL CHECK (run_id ~ '^[0-9a-f-]{36}$'),
      run_at     timestamptz NOT NULL,
      check_id   text COLLATE "C" NOT NULL CHECK (check_id ~ '^[a-z][a-z0-9_.]*$'),
      community  text COLLATE "C" NOT NULL CHECK (community ~ '^([0-9]{12}){0,1}$'),
      segment    text NOT NULL DEFAULT '',
      total      bigint NOT NULL CHECK (total >= 0),
      bad        bigint CHECK (bad >= 0),
      value      double precision,
      status     text NOT NULL CHECK (status IN ('pass', 'warn', 'fail', 'error')),
      PRIMARY KEY (run_id, check_id, community, segment)
    )`);
  // a check's trend and "the previous run" of a check: newest first per check and community
  await knex.raw(`CREATE INDEX quality_result_trend_idx ON ${schema}.quality_result (check_id, community, segment, run_at DESC)`);
  // the runs themselves, newest first
  await knex.raw(`CREATE INDEX quality_result_run_idx ON ${schema}.quality_result (run_at DESC, run_id)`);
}

export async function dropQualityHistory(knex: Knex, schema: string): Promise<void> {
  await knex.raw(`DROP TABLE ${schema}.quality_result`);
}
