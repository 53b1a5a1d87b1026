import type { Knex } from 'knex';
import { createSummaryTriggers, dropSummaryTriggers, LEVELS } from '../_shared/summaries-20261205.ts';

/**
 * Event summaries (issue 12), kept by triggers (see the shared file):
 * - events.event_total: events per community / grid by kind and status, which answers
 *   Address.eventStats above building level;
 * - events.event_daily: the same per day reported (the calendar day in China Standard Time,
 *   UTC+8, no daylight saving), which answers Address.eventTrend and eventStats(since).
 */
const DAY = `((r.reported_at AT TIME ZONE 'UTC') + interval '8 hours')::date`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE events.event_total (
      level   smallint NOT NULL CHECK (level IN (12, 14)),
      prefix  text COLLATE "C" NOT NULL,
      kind    text NOT NULL,
      status  text NOT NULL,
      n       bigint NOT NULL,
      PRIMARY KEY (level, prefix, kind, status)
    )`);
  await knex.raw(`
    CREATE TABLE events.event_daily (
      level   smallint NOT NULL CHECK (level IN (12, 14)),
      prefix  text COLLATE "C" NOT NULL,
      day     date NOT NULL,
      kind    text NOT NULL,
      status  text NOT NULL,
      n       bigint NOT NULL,
      PRIMARY KEY (level, prefix, day, kind, status)
    )`);
  await createSummaryTriggers(knex, {
    base: 'events.event',
    fn: 'events.event_summarize',
    prefix: 'event',
    summaries: [
      { table: 'events.event_total', keys: ['kind', 'status'] },
      { table: 'events.event_daily', keys: ['day', 'kind', 'status'] },
    ],
    delta: (t, sign) => `SELECT l.level, left(r.address_code, l.level) AS prefix, ${DAY} AS day, r.kind, r.status, ${sign} AS n
      FROM ${t} r CROSS JOIN ${LEVELS()}`,
  });
}

export async function down(knex: Knex): Promise<void> {
  await dropSummaryTriggers(knex, { base: 'events.event', fn: 'events.event_summarize', prefix: 'event' });
  await knex.raw(`DROP TABLE events.event_daily`);
  await knex.raw(`DROP TABLE events.event_total`);
}
