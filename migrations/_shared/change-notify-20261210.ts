import type { Knex } from 'knex';

/**
 * Shared by the change-notification migrations of events and cases (issue 11, subscriptions).
 * Frozen like a migration: a later change is a new file.
 *
 * Two statement-level AFTER triggers on `<schema>.<table>` (one per event kind: a trigger with
 * transition tables may have one event only) send `NOTIFY <schema>_changed` with what changed:
 *
 *   {"op":"I","rows":[["<id>",null,"<status>"],...]}               rows inserted
 *   {"op":"U","rows":[["<id>","<status before>","<status after>"],...]}  rows whose values changed
 *
 * Ids and statuses only: a NOTIFY payload is readable by any session that LISTENs on
 * the channel, so it never carries personal data; subscribers load the rows by id, through their
 * own authorization. One statement's rows go in chunks of 100, well under NOTIFY's 8,000-byte
 * payload limit, so an import of a million rows is 10,000 notifications rather than a million.
 * PostgreSQL delivers them at commit, never for a rolled-back write. An UPDATE that changes
 * nothing (an import of the same record) sends nothing.
 */
export async function createChangeNotify(knex: Knex, schema: string, table: string): Promise<void> {
  const channel = `${schema}_changed`;
  await knex.raw(`
    CREATE FUNCTION ${schema}.notify_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${channel}', json_build_object('op', 'I', 'rows', json_agg(json_build_array(c.id, NULL, c.status)))::text)
      FROM (SELECT n.id, n.status, (row_number() OVER () - 1) / 100 AS chunk FROM inserted n) c
      GROUP BY c.chunk;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE FUNCTION ${schema}.notify_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${channel}', json_build_object('op', 'U', 'rows', json_agg(json_build_array(c.id, c.previous, c.status)))::text)
      FROM (
        SELECT n.id, o.status AS previous, n.status, (row_number() OVER () - 1) / 100 AS chunk
        FROM updated n JOIN previous o ON o.id = n.id
        WHERE n.* IS DISTINCT FROM o.*
      ) c
      GROUP BY c.chunk;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER ${table}_notify_inserted AFTER INSERT ON ${schema}.${table}
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.notify_inserted()`);
  await knex.raw(`
    CREATE TRIGGER ${table}_notify_updated AFTER UPDATE ON ${schema}.${table}
    REFERENCING OLD TABLE AS previous NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.notify_updated()`);
}

export async function dropChangeNotify(knex: Knex, schema: string, table: string): Promise<void> {
  await knex.raw(`DROP TRIGGER ${table}_notify_updated ON ${schema}.${table}`);
  await knex.raw(`DROP TRIGGER ${table}_notify_inserted ON ${schema}.${table}`);
  await knex.raw(`DROP FUNCTION ${schema}.notify_updated()`);
  await knex.raw(`DROP FUNCTION ${schema}.notify_inserted()`);
}
