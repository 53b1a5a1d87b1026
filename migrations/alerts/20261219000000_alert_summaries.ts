import type { Knex } from 'knex';
import { createSummaryTriggers, dropSummaryTriggers, LEVELS } from '../_shared/summaries-20261205.ts';

/**
 * Alert summaries (issue 12), kept by the same statement-level triggers as the other subgraphs'
 * (see the shared file): alerts.alert_total, alerts by rule, severity and status per community (12)
 * and grid (14) prefix. The hazard map asks every area's live alerts (`alerts(status: [OPEN,
 * ACKNOWLEDGED], first: 0) { totalCount }`) for the district and its subdistricts, or its 93
 * communities: counted from alert_live_address_idx that read every live alert of the district
 * twice over (about 22,000 index entries, 7 ms at scale 10); from these rows a community is a few
 * rows and the district a few thousand. An alert lies at a community or finer (monitor/rules.ts
 * LEVELS), so the community rows count every alert; an alert at a community's own code adds a
 * level-14 row under its 12-character code, which no grid's range takes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE alerts.alert_total (
      level     smallint NOT NULL CHECK (level IN (12, 14)),
      prefix    text COLLATE "C" NOT NULL,
      rule      text NOT NULL,
      severity  text NOT NULL,
      status    text NOT NULL,
      n         bigint NOT NULL,
      PRIMARY KEY (level, prefix, rule, severity, status)
    )`);
  await createSummaryTriggers(knex, {
    base: 'alerts.alert',
    fn: 'alerts.alert_summarize',
    prefix: 'alert',
    summaries: [{ table: 'alerts.alert_total', keys: ['rule', 'severity', 'status'] }],
    delta: (t, sign) => `SELECT l.level, left(r.address_code, l.level) AS prefix, r.rule, r.severity, r.status, ${sign} AS n
      FROM ${t} r CROSS JOIN ${LEVELS()}`,
  });
}

export async function down(knex: Knex): Promise<void> {
  await dropSummaryTriggers(knex, { base: 'alerts.alert', fn: 'alerts.alert_summarize', prefix: 'alert' });
  await knex.raw(`DROP TABLE alerts.alert_total`);
}
