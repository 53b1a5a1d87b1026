import type { Knex } from 'knex';

/**
 * Shared by the 20261205000000_summaries migrations of people, entities, events and cases (issue
 * 12). Frozen like a migration: a later change is a new file.
 *
 * A summary table holds counts per (level, prefix, key columns...): `level` is the length of the
 * address-code prefix the row counts (12 = community, 14 = grid; entities also 6 and 9), `prefix`
 * that prefix, `n` the number of base rows under it with those key values. Rows whose count fell
 * to 0 stay (the key space is small and bounded); readers sum `n`, so a 0 changes nothing.
 *
 * The counts are kept by statement-level AFTER triggers with transition tables: one statement
 * (a COPY of 100,000 rows, an importer's upsert batch, a mutation's UPDATE) aggregates its old
 * rows as -1 and its new rows as +1 per key and upserts one row per affected key, so its cost is
 * the number of distinct keys it touches, not the number of rows. An UPDATE that changes none of
 * the key columns nets to zero and writes nothing. TRUNCATE of the base table empties the
 * summaries (the seed's reset).
 */
export type SummaryTable = {
  /** Schema-qualified name, e.g. events.event_total. */
  table: string;
  /** Key columns after (level, prefix), in primary-key order. */
  keys: readonly string[];
};

/**
 * `delta(t, sign)`: a SELECT over the transition table (or base table) `t` giving one row per
 * counted unit: level, prefix, every key column of every summary (the finest grain), and `sign`
 * as n.
 */
export type Delta = (t: string, sign: string) => string;

/** The upsert of one summary from the deltas of `source` (a UNION ALL of delta selects). */
function upsert(s: SummaryTable, source: string): string {
  const cols = ['level', 'prefix', ...s.keys].join(', ');
  return `
    INSERT INTO ${s.table} AS s (${cols}, n)
    SELECT ${cols}, sum(d.n) FROM (${source}) d
    GROUP BY ${cols} HAVING sum(d.n) <> 0 ORDER BY ${cols}
    ON CONFLICT (${cols}) DO UPDATE SET n = s.n + EXCLUDED.n;`;
}

/**
 * Creates the trigger function `fn` and its INSERT / UPDATE / DELETE / TRUNCATE triggers on
 * `base`, keeping `summaries` from `delta`; then backfills the summaries from the base table's
 * current rows.
 */
export async function createSummaryTriggers(knex: Knex, o: {
  base: string; fn: string; prefix: string; summaries: readonly SummaryTable[]; delta: Delta;
}): Promise<void> {
  const ins = o.delta('new_rows', '1');
  const del = o.delta('old_rows', '-1');
  const each = (source: string) => o.summaries.map((s) => upsert(s, source)).join('\n');
  await knex.raw(`
    CREATE FUNCTION ${o.fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${each(ins)}
      ELSIF TG_OP = 'UPDATE' THEN
        ${each(`${ins} UNION ALL ${del}`)}
      ELSIF TG_OP = 'DELETE' THEN
        ${each(del)}
      ELSE
        ${o.summaries.map((s) => `DELETE FROM ${s.table};`).join('\n')}
      END IF;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER ${o.prefix}_summarize_insert AFTER INSERT ON ${o.base}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${o.fn}()`);
  await knex.raw(`CREATE TRIGGER ${o.prefix}_summarize_update AFTER UPDATE ON ${o.base}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${o.fn}()`);
  await knex.raw(`CREATE TRIGGER ${o.prefix}_summarize_delete AFTER DELETE ON ${o.base}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${o.fn}()`);
  await knex.raw(`CREATE TRIGGER ${o.prefix}_summarize_truncate AFTER TRUNCATE ON ${o.base}
    FOR EACH STATEMENT EXECUTE FUNCTION ${o.fn}()`);
  for (const s of o.summaries) await knex.raw(upsert(s, o.delta(o.base, '1')));
}

/** Drops what createSummaryTriggers made (the summary tables are the caller's). */
export async function dropSummaryTriggers(knex: Knex, o: { base: string; fn: string; prefix: string }): Promise<void> {
  for (const op of ['insert', 'update', 'delete', 'truncate']) await knex.raw(`DROP TRIGGER ${o.prefix}_summarize_${op} ON ${o.base}`);
  await knex.raw(`DROP FUNCTION ${o.fn}()`);
}

/** `(VALUES (12), (14)) AS l(level)`: the community and grid levels. */
export const LEVELS = (levels: readonly number[] = [12, 14]) => `(VALUES ${levels.map((l) => `(${l})`).join(', ')}) AS l(level)`;
