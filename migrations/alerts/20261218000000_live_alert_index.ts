import type { Knex } from 'knex';

export const config = { transaction: false };

/**
 * The live alerts (OPEN, ACKNOWLEDGED) by address, with what their filters test: the hazard map's
 * `alerts(status: [OPEN, ACKNOWLEDGED], first: 0) { totalCount }` for every area counts them by an
 * index-only scan (alerts.alertCounts writes the predicate out when a filter asks for live alerts
 * only). Through alert_address_idx each alert was fetched from the heap to test its status: 1,840
 * a subdistrict at scale 10, 43-79 ms for the district's subdistricts. Partial: closed alerts are
 * history and only grow. Built CONCURRENTLY: the monitor may be writing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX CONCURRENTLY IF NOT EXISTS alert_live_address_idx ON alerts.alert (address_code) INCLUDE (status, rule, severity) WHERE status <> 'CLOSED'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX CONCURRENTLY IF EXISTS alerts.alert_live_address_idx`);
}
