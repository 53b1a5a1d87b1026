import type { Knex } from 'knex';
import { createSummaryTriggers, dropSummaryTriggers, LEVELS } from '../_shared/summaries-20261205.ts';

/**
 * Case summaries (issue 12), kept by triggers (see the shared file):
 * - cases.case_total: cases per community / grid by kind, status and outcome ('' for none: a
 *   key column cannot be null), which answers Address.caseStats above building level;
 * - cases.case_daily: the same per day filed, which answers Address.caseTrend and caseStats(since).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE cases.case_total (
      level    smallint NOT NULL CHECK (level IN (12, 14)),
      prefix   text COLLATE "C" NOT NULL,
      kind     text NOT NULL,
      status   text NOT NULL,
      outcome  text NOT NULL,
      n        bigint NOT NULL,
      PRIMARY KEY (level, prefix, kind, status, outcome)
    )`);
  await knex.raw(`
    CREATE TABLE cases.case_daily (
      level    smallint NOT NULL CHECK (level IN (12, 14)),
      prefix   text COLLATE "C" NOT NULL,
      day      date NOT NULL,
      kind     text NOT NULL,
      status   text NOT NULL,
      outcome  text NOT NULL,
      n        bigint NOT NULL,
      PRIMARY KEY (level, prefix, day, kind, status, outcome)
    )`);
  await createSummaryTriggers(knex, {
    base: 'cases.legal_case',
    fn: 'cases.case_summarize',
    prefix: 'legal_case',
    summaries: [
      { table: 'cases.case_total', keys: ['kind', 'status', 'outcome'] },
      { table: 'cases.case_daily', keys: ['day', 'kind', 'status', 'outcome'] },
    ],
    delta: (t, sign) => `SELECT l.level, left(r.address_code, l.level) AS prefix, r.filed_on AS day, r.kind, r.status,
        coalesce(r.outcome, '') AS outcome, ${sign} AS n
      FROM ${t} r CROSS JOIN ${LEVELS()}`,
  });
}

export async function down(knex: Knex): Promise<void> {
  await dropSummaryTriggers(knex, { base: 'cases.legal_case', fn: 'cases.case_summarize', prefix: 'legal_case' });
  await knex.raw(`DROP TABLE cases.case_daily`);
  await knex.raw(`DROP TABLE cases.case_total`);
}
