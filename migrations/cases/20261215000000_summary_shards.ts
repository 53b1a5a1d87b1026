import type { Knex } from 'knex';
import { LEVELS, type SummaryTable } from '../_shared/summaries-20261205.ts';
import { shardSummaries, unshardSummaries } from '../_shared/summary-shards-20261215.ts';

/**
 * Case summaries in shards (see migrations/_shared/summary-shards-20261215.ts): concurrent case
 * writes into one community no longer wait on one summary row's lock. The delta is
 * 20261205000000_summaries.ts's, unchanged.
 */
const summaries: SummaryTable[] = [
  { table: 'cases.case_total', keys: ['kind', 'status', 'outcome'] },
  { table: 'cases.case_daily', keys: ['day', 'kind', 'status', 'outcome'] },
];
const delta = (t: string, sign: string) => `SELECT l.level, left(r.address_code, l.level) AS prefix, r.filed_on AS day, r.kind, r.status,
        coalesce(r.outcome, '') AS outcome, ${sign} AS n
      FROM ${t} r CROSS JOIN ${LEVELS()}`;

/** The new key's index is built CONCURRENTLY (see the shared file). */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await shardSummaries(knex, { fn: 'cases.case_summarize', summaries, delta });
}

export async function down(knex: Knex): Promise<void> {
  await unshardSummaries(knex, { fn: 'cases.case_summarize', summaries, delta });
}
