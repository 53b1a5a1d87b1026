/** Data-quality statements of the cases schema (cases.legal_case, cases.case_party); they read nothing else. */
import { raw, sql, type Fragment } from '../../lib/sql.ts';
import { communityOf, creditCodeCheckFails, linkParts, unknownCommunity, shareByCommunity, where, type Statement, type StatementContext } from '../statement.ts';

/** Cases grouped by community: total and those for which `bad` holds. */
const cases = (label: string, bad: (c: StatementContext) => Fragment) =>
  shareByCommunity(`cases.${label}`, 'k.address_code', (c) => sql`cases.legal_case k WHERE ${c.within('k.address_code')}`, bad);

export const CASES_STATEMENTS = {
  noParty: cases('noParty', where('NOT EXISTS (SELECT 1 FROM cases.case_party p WHERE p.case_id = k.id)')),
  outcomeMissing: cases('outcomeMissing', where("k.status = 'CLOSED' AND k.outcome IS NULL")),
  summaryBlank: cases('summaryBlank', where("btrim(k.summary) = ''")),
  filedOnRange: cases('filedOnRange', where("k.filed_on < DATE '2000-01-01' OR k.filed_on > current_date")),
  addressCommunity: cases('addressCommunity', (c) => unknownCommunity('k.address_code', c)),
  /** Parties that are legal entities, by their case's community; bad: a wrong credit code check character. */
  partyCreditCodeCheck: (c) => sql`/* quality.cases.partyCreditCodeCheck */
    SELECT ${communityOf('k.address_code')} AS community, '' AS segment, count(*) AS total,
           count(*) FILTER (WHERE ${creditCodeCheckFails('p.credit_code')}) AS bad, NULL::float8 AS value
    FROM cases.case_party p JOIN cases.legal_case k ON k.id = p.case_id
    WHERE p.credit_code IS NOT NULL AND ${c.within('k.address_code')}
    GROUP BY 1 ORDER BY 1`,
  linkage: (c) => sql`/* quality.cases.linkage */
    SELECT ${communityOf('address_code')} AS community, '' AS segment, count(*) AS total,
           count(*) FILTER (WHERE length(address_code) < 19) AS bad, NULL::float8 AS value, ${linkParts('address_code')}
    FROM cases.legal_case WHERE ${c.within('address_code')}
    GROUP BY 1 ORDER BY 1`,
  freshness: (c) => sql`/* quality.cases.freshness */
    SELECT ${communityOf('address_code')} AS community, '' AS segment, count(*) AS total, NULL::bigint AS bad,
           extract(epoch FROM now() - max(updated_at)) / 86400 AS value
    FROM cases.legal_case WHERE ${c.within('address_code')}
    GROUP BY 1 ORDER BY 1`,
  volume: cases('volume', where('false')),
} satisfies Record<string, Statement>;
