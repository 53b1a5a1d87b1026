import type { Knex } from 'knex';
import { LEVELS, type SummaryTable } from '../_shared/summaries-20261205.ts';
import { shardSummaries, unshardSummaries } from '../_shared/summary-shards-20261215.ts';

/**
 * Event summaries in shards (see migrations/_shared/summary-shards-20261215.ts): concurrent
 * reports and transitions into one community no longer wait on one summary row's lock. The delta
 * is 20261205000000_summaries.ts's, unchanged.
 */
const DAY = `((r.reported_at AT TIME ZONE 'UTC') + interval '8 hours')::date`;
const summaries: SummaryTable[] = [
  { table: 'events.event_total', keys: ['kind', 'status'] },
  { table: 'events.event_daily', keys: ['day', 'kind', 'status'] },
];
const delta = (t: string, sign: string) => `SELECT l.level, left(r.address_code, l.level) AS prefix, ${DAY} AS day, r.kind, r.status, ${sign} AS n
      FROM ${t} r CROSS JOIN ${LEVELS()}`;

/** The new key's index is built CONCURRENTLY (see the shared file). */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await shardSummaries(knex, { fn: 'events.event_summarize', summaries, delta });
}

export async function down(knex: Knex): Promise<void> {
  await unshardSummaries(knex, { fn: 'events.event_summarize', summaries, delta });
}
