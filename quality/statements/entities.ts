/**
 * Data-quality statements of the entities schema (entities.legal_entity and its import
 * quarantine); they read nothing else. An entity is placed at its business address, else its
 * registered one.
 */
import { raw, sql, type Fragment } from '../../lib/sql.ts';
import { communityOf, creditCodeCheckFails, linkParts, unknownCommunity, shareByCommunity, where, type Statement, type StatementContext } from '../statement.ts';

const PLACE = 'coalesce(e.business_address_code, e.registered_address_code)';

/**
 * The scope on the entity's place. No index holds the coalesce, so the same scope on either
 * address column comes first: a BitmapOr of the two address indexes, then the exact condition.
 */
const placeWithin = (c: StatementContext): Fragment => sql`(${c.within('e.business_address_code')} OR ${c.within('e.registered_address_code')}) AND ${c.within(PLACE)}`;

/** Entities grouped by community: total and those for which `bad` holds. */
const entities = (label: string, bad: (c: StatementContext) => Fragment) =>
  shareByCommunity(`entities.${label}`, PLACE, (c) => sql`entities.legal_entity e WHERE ${placeWithin(c)}`, bad);

export const ENTITIES_STATEMENTS = {
  businessAddressMissing: entities('businessAddressMissing', where('e.business_address_code IS NULL')),
  registeredAddressMissing: entities('registeredAddressMissing', where('e.registered_address_code IS NULL')),
  legalRepMissing: entities('legalRepMissing', where('e.legal_rep_person_id IS NULL')),
  nameBlank: entities('nameBlank', where("btrim(e.name) = ''")),
  creditCodeCheck: entities('creditCodeCheck', () => creditCodeCheckFails('e.credit_code')),
  registeredOnRange: entities('registeredOnRange', where("e.registered_on < DATE '1949-10-01' OR e.registered_on > current_date")),
  addressCommunity: entities('addressCommunity', (c) => sql`${unknownCommunity('e.registered_address_code', c)} OR ${unknownCommunity('e.business_address_code', c)}`),
  /**
   * Credit codes given twice: the credit code is the table's key, so a department file's second
   * record with the same code waits in quarantine (DUPLICATE_IN_FILE, CONFLICT); an entity counts
   * as bad while such a record carries its code.
   */
  creditCodeDuplicate: entities('creditCodeDuplicate', where(`EXISTS (SELECT 1 FROM entities.import_quarantine q
      WHERE coalesce(q.record_id, q.raw->>'credit_code') = e.credit_code AND q.purged_at IS NULL AND q.status = 'QUARANTINED')`)),
  linkage: (c) => sql`/* quality.entities.linkage */
    SELECT ${communityOf(PLACE)} AS community, '' AS segment, count(*) AS total,
           count(*) FILTER (WHERE length(${raw(PLACE)}) < 19) AS bad, NULL::float8 AS value, ${linkParts(PLACE)}
    FROM entities.legal_entity e WHERE ${placeWithin(c)}
    GROUP BY 1 ORDER BY 1`,
  freshness: (c) => sql`/* quality.entities.freshness */
    SELECT ${communityOf(PLACE)} AS community, '' AS segment, count(*) AS total, NULL::bigint AS bad,
           extract(epoch FROM now() - max(e.updated_at)) / 86400 AS value
    FROM entities.legal_entity e WHERE ${placeWithin(c)}
    GROUP BY 1 ORDER BY 1`,
  volume: entities('volume', where('false')),
} satisfies Record<string, Statement>;
