import type { Knex } from 'knex';

/**
 * Shared by the change-log migrations of events, cases and alerts (issues 11 and 12). Frozen like a
 * migration: a later change is a new file.
 *
 * Replaces the NOTIFY triggers of change-notify-20261210.ts. PostgreSQL serializes the commits of
 * every transaction that sent a NOTIFY, cluster-wide (PreCommit_Notify takes one heavyweight lock
 * until the commit record is flushed), so with the triggers every write waited its turn on one lock
 * (bench:writes: 0.5 to 0.9 of the sessions waiting on Lock:object, even for the one-INSERT floor).
 * The same two statement-level triggers now append what changed to `<schema>.change_log`, a plain
 * insert that commits with the write and takes no shared lock:
 *
 *   op 'I', rows [["<id>",null,"<status>"],...]                    rows inserted
 *   op 'U', rows [["<id>","<status before>","<status after>"],...] rows whose values changed
 *
 * Ids and statuses only, never personal data; chunks of 1,000 rows per log entry, so an import of a
 * million rows is a thousand entries. `xid` is the writing transaction's id: readers
 * (lib/change-feed.ts) take the entries committed between two snapshots, which no sequence order
 * could give them (a transaction that took a lower position can commit later). An UPDATE that
 * changes nothing (an import of the same record) writes nothing. A rolled-back write leaves
 * nothing. The table is UNLOGGED: live delivery needs no crash safety, and a crash only empties it.
 * Entries older than the retention are deleted by the subgraph servers (lib/change-feed.ts).
 */
export async function createChangeLog(knex: Knex, schema: string, table: string): Promise<void> {
  await knex.raw(`
    CREATE UNLOGGED TABLE ${schema}.change_log (
      position bigint GENERATED ALWAYS AS IDENTITY,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      op text NOT NULL CHECK (op IN ('I', 'U')),
      rows jsonb NOT NULL
    )`);
  await knex.raw(`COMMENT ON TABLE ${schema}.change_log IS 'Ids and statuses of committed changes to ${schema}.${table}, for live subscriptions (lib/change-feed.ts); no personal data; pruned after a retention'`);
  // the readers' range (xid >= the older snapshot's xmin) and the pruning's (recorded_at < cutoff)
  await knex.raw(`CREATE INDEX change_log_xid_idx ON ${schema}.change_log (xid)`);
  await knex.raw(`CREATE INDEX change_log_recorded_at_idx ON ${schema}.change_log (recorded_at)`);
  await knex.raw(`
    CREATE FUNCTION ${schema}.log_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${schema}.change_log (op, rows)
      SELECT 'I', jsonb_agg(jsonb_build_array(c.id, NULL, c.status))
      FROM (SELECT n.id, n.status, (row_number() OVER () - 1) / 1000 AS chunk FROM inserted n) c
      GROUP BY c.chunk;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE FUNCTION ${schema}.log_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${schema}.change_log (op, rows)
      SELECT 'U', jsonb_agg(jsonb_build_array(c.id, c.previous, c.status))
      FROM (
        SELECT n.id, o.status AS previous, n.status, (row_number() OVER () - 1) / 1000 AS chunk
        FROM updated n JOIN previous o ON o.id = n.id
        WHERE n.* IS DISTINCT FROM o.*
      ) c
      GROUP BY c.chunk;
      RETURN NULL;
    END $$`);
  await knex.raw(`DROP TRIGGER ${table}_notify_updated ON ${schema}.${table}`);
  await knex.raw(`DROP TRIGGER ${table}_notify_inserted ON ${schema}.${table}`);
  await knex.raw(`
    CREATE TRIGGER ${table}_log_inserted AFTER INSERT ON ${schema}.${table}
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.log_inserted()`);
  await knex.raw(`
    CREATE TRIGGER ${table}_log_updated AFTER UPDATE ON ${schema}.${table}
    REFERENCING OLD TABLE AS previous NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.log_updated()`);
  await knex.raw(`DROP FUNCTION ${schema}.notify_updated()`);
  await knex.raw(`DROP FUNCTION ${schema}.notify_inserted()`);
}

/** Back to the NOTIFY triggers of change-notify-20261210.ts. */
export async function dropChangeLog(knex: Knex, schema: string, table: string, restoreNotify: (knex: Knex, schema: string, table: string) => Promise<void>): Promise<void> {
  await knex.raw(`DROP TRIGGER ${table}_log_updated ON ${schema}.${table}`);
  await knex.raw(`DROP TRIGGER ${table}_log_inserted ON ${schema}.${table}`);
  await knex.raw(`DROP FUNCTION ${schema}.log_updated()`);
  await knex.raw(`DROP FUNCTION ${schema}.log_inserted()`);
  await knex.raw(`DROP TABLE ${schema}.change_log`);
  await restoreNotify(knex, schema, table);
}
