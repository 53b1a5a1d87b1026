import type { Knex } from 'knex';
import { createSummaryTriggers, dropSummaryTriggers, LEVELS } from '../_shared/summaries-20261205.ts';

/**
 * Resident summaries (issue 12), kept by triggers (see the shared file): people.resident_total,
 * current residences (until IS NULL) per community / grid by the person's household type and
 * the residence's relation, which answers Address.residentCount above building level.
 *
 * The household type lives on people.person, so a second trigger moves a person's current
 * residences between household types when an UPDATE changes it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE people.resident_total (
      level           smallint NOT NULL CHECK (level IN (12, 14)),
      prefix          text COLLATE "C" NOT NULL,
      household_type  text NOT NULL,
      relation        text NOT NULL,
      n               bigint NOT NULL,
      PRIMARY KEY (level, prefix, household_type, relation)
    )`);
  await createSummaryTriggers(knex, {
    base: 'people.residence',
    fn: 'people.residence_summarize',
    prefix: 'residence',
    summaries: [{ table: 'people.resident_total', keys: ['household_type', 'relation'] }],
    delta: (t, sign) => `SELECT l.level, left(r.address_code, l.level) AS prefix, p.household_type, r.relation, ${sign} AS n
      FROM ${t} r JOIN people.person p ON p.id = r.person_id CROSS JOIN ${LEVELS()}
      WHERE r.until IS NULL`,
  });
  await knex.raw(`
    CREATE FUNCTION people.person_summarize() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO people.resident_total AS s (level, prefix, household_type, relation, n)
      SELECT d.level, d.prefix, d.household_type, d.relation, sum(d.n) FROM (
        SELECT l.level, left(r.address_code, l.level) AS prefix, x.household_type, r.relation, x.n
        FROM old_rows o JOIN new_rows nw ON nw.id = o.id AND nw.household_type IS DISTINCT FROM o.household_type
        CROSS JOIN LATERAL (VALUES (o.household_type, -1), (nw.household_type, 1)) AS x(household_type, n)
        JOIN people.residence r ON r.person_id = o.id AND r.until IS NULL
        CROSS JOIN ${LEVELS()}
      ) d
      GROUP BY d.level, d.prefix, d.household_type, d.relation HAVING sum(d.n) <> 0
      ORDER BY d.level, d.prefix, d.household_type, d.relation
      ON CONFLICT (level, prefix, household_type, relation) DO UPDATE SET n = s.n + EXCLUDED.n;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER person_summarize_update AFTER UPDATE ON people.person
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION people.person_summarize()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TRIGGER person_summarize_update ON people.person`);
  await knex.raw(`DROP FUNCTION people.person_summarize()`);
  await dropSummaryTriggers(knex, { base: 'people.residence', fn: 'people.residence_summarize', prefix: 'residence' });
  await knex.raw(`DROP TABLE people.resident_total`);
}
