import type { Knex } from 'knex';
import { createIdempotencyTable, dropIdempotencyTable } from '../_shared/idempotency-20261202.ts';

/**
 * Early-warning alerts (issue 12): what the monitor (monitor/) raised from the rules, evaluated
 * through the gateway. This schema is the monitor's own; nothing here reads another schema.
 *
 * alerts.alert: one row per raised alert. OPEN -> ACKNOWLEDGED -> CLOSED; `cleared_at` is when the
 * monitor last found the condition gone (an auto-close sets it with closed_at; a manual close
 * leaves it null until the condition has cleared, so a condition that still holds is not raised
 * again after a person closed it). The partial unique index is the dedup key: at most one alert
 * per rule and address that is not closed.
 *
 * alerts.monitor_run: one row per rule per run, with the watermark the next incremental run starts from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE alerts.alert (
      id               text COLLATE "C" PRIMARY KEY,
      rule             text COLLATE "C" NOT NULL,
      severity         text NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH','CRITICAL')),
      address_code     text COLLATE "C" NOT NULL CHECK (address_code ~ '^[0-9]{12}([0-9]{2}([0-9A-Z]{5}([0-9A-Z]{6}){0,1}){0,1}){0,1}$'),
      status           text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','ACKNOWLEDGED','CLOSED')),
      evidence         jsonb NOT NULL,
      raised_at        timestamptz NOT NULL DEFAULT now(),
      evidence_at      timestamptz NOT NULL DEFAULT now(),
      acknowledged_by  text,
      acknowledged_at  timestamptz,
      closed_by        text,
      closed_at        timestamptz,
      cleared_at       timestamptz,
      version          integer NOT NULL DEFAULT 1,
      CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
    )`);
  // the dedup key: one alert per rule and address while it is not closed
  await knex.raw(`CREATE UNIQUE INDEX alert_live_key ON alerts.alert (rule, address_code) WHERE status <> 'CLOSED'`);
  // closed by a person while the condition held: the monitor must not raise it again until it clears
  await knex.raw(`CREATE INDEX alert_suppressed_idx ON alerts.alert (rule, address_code) WHERE status = 'CLOSED' AND cleared_at IS NULL`);
  // Address.alerts and alerts(filter: { addressPrefix }): a code range, newest first
  await knex.raw(`CREATE INDEX alert_address_idx ON alerts.alert (address_code, raised_at DESC, id DESC)`);
  // alerts() without a prefix: newest first
  await knex.raw(`CREATE INDEX alert_raised_idx ON alerts.alert (raised_at DESC, id DESC)`);
  await knex.raw(`
    CREATE TABLE alerts.monitor_run (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      rule         text COLLATE "C" NOT NULL,
      scope        text COLLATE "C" NOT NULL,
      mode         text NOT NULL CHECK (mode IN ('FULL','INCREMENTAL')),
      started_at   timestamptz NOT NULL,
      finished_at  timestamptz NOT NULL DEFAULT now(),
      watermark    timestamptz NOT NULL,
      checked      integer NOT NULL,
      raised       integer NOT NULL,
      updated      integer NOT NULL,
      closed       integer NOT NULL,
      operations   integer NOT NULL
    )`);
  // the last run of a rule over a scope (its watermark)
  await knex.raw(`CREATE INDEX monitor_run_rule_idx ON alerts.monitor_run (rule, scope, id DESC)`);
  await createIdempotencyTable(knex, 'alerts');
}

export async function down(knex: Knex): Promise<void> {
  await dropIdempotencyTable(knex, 'alerts');
  await knex.raw(`DROP TABLE alerts.monitor_run`);
  await knex.raw(`DROP TABLE alerts.alert`);
}
