import type { Knex } from 'knex';
import { createSummaryTriggers, dropSummaryTriggers, LEVELS } from '../_shared/summaries-20261205.ts';

/**
 * Entity summaries (issue 12), kept by triggers (see the shared file): entities.entity_total,
 * legal entities by kind and status per district, subdistrict, community and grid prefix, which
 * answers Address.entityCount above building level.
 *
 * An entity counts under a prefix when its registered or its business address lies there, once
 * even when both do. Its two addresses may lie in different communities of one subdistrict, so
 * a subdistrict's count is not the sum of its communities' counts: this summary keeps the
 * district (6) and subdistrict (9) levels too, each counted with the same once-per-prefix rule.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE entities.entity_total (
      level   smallint NOT NULL CHECK (level IN (6, 9, 12, 14)),
      prefix  text COLLATE "C" NOT NULL,
      kind    text NOT NULL,
      status  text NOT NULL,
      n       bigint NOT NULL,
      PRIMARY KEY (level, prefix, kind, status)
    )`);
  await createSummaryTriggers(knex, {
    base: 'entities.legal_entity',
    fn: 'entities.entity_summarize',
    prefix: 'legal_entity',
    summaries: [{ table: 'entities.entity_total', keys: ['kind', 'status'] }],
    delta: (t, sign) => `SELECT l.level, p.prefix, r.kind, r.status, ${sign} AS n
      FROM ${t} r CROSS JOIN ${LEVELS([6, 9, 12, 14])}
      CROSS JOIN LATERAL (
        SELECT DISTINCT left(a.code, l.level) AS prefix
        FROM unnest(ARRAY[r.registered_address_code, r.business_address_code]) AS a(code) WHERE a.code IS NOT NULL
      ) p`,
  });
}

export async function down(knex: Knex): Promise<void> {
  await dropSummaryTriggers(knex, { base: 'entities.legal_entity', fn: 'entities.entity_summarize', prefix: 'legal_entity' });
  await knex.raw(`DROP TABLE entities.entity_total`);
}
