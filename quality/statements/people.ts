/**
 * Data-quality statements of the people schema (people.person, people.residence and its import
 * quarantine); they read nothing else. Persons are placed in the community of their current
 * residence, else of their latest one, else none ('').
 */
import { raw, sql, type Fragment } from '../../lib/sql.ts';
import { communityOf, idNumberCheckFails, linkParts, shareByCommunity, unknownCommunity, where, type Statement, type StatementContext } from '../statement.ts';

/** Each person with the code they are placed at (`r.code`) and their number of current residences (`r.current`). */
const placed = (c: StatementContext): Fragment => sql`people.person p
  LEFT JOIN (SELECT person_id, coalesce(min(address_code) FILTER (WHERE until IS NULL), max(address_code)) AS code,
                    count(*) FILTER (WHERE until IS NULL) AS current
             FROM people.residence WHERE ${c.within('address_code')} GROUP BY person_id) r ON r.person_id = p.id
  WHERE ${c.within('r.code')}`;

/** Persons grouped by community: total and those for which `bad` holds. */
const persons = (label: string, bad: string | Fragment): Statement =>
  shareByCommunity(`people.${label}`, 'r.code', placed, typeof bad === 'string' ? where(bad) : () => bad);

/** Current residences grouped by community: total and those for which `bad` holds. */
const currentResidences = (label: string, bad: (c: StatementContext) => Fragment): Statement =>
  shareByCommunity(`people.${label}`, 'r.address_code', (c) => sql`people.residence r JOIN people.person p ON p.id = r.person_id
  WHERE r.until IS NULL AND ${c.within('r.address_code')}`, bad);

export const PEOPLE_STATEMENTS = {
  noCurrentResidence: persons('noCurrentResidence', 'coalesce(r.current, 0) = 0'),
  phoneMissing: persons('phoneMissing', 'p.phone IS NULL'),
  nameBlank: persons('nameBlank', "btrim(p.name) = ''"),
  idNumberCheck: persons('idNumberCheck', idNumberCheckFails('p.id_number')),
  idNumberBirthDate: persons('idNumberBirthDate', "substr(p.id_number, 7, 8) <> to_char(p.birth_date, 'YYYYMMDD')"),
  birthDateRange: persons('birthDateRange', "p.birth_date < DATE '1900-01-01' OR p.birth_date > current_date"),
  twoCurrentResidences: persons('twoCurrentResidences', 'r.current > 1'),
  /**
   * Identity numbers given to two person records: the database holds one person per number (a
   * unique index), so the second record of a department's file waits in quarantine (CONFLICT);
   * a person counts as bad while a quarantined record with another id carries their number.
   */
  idNumberDuplicate: persons('idNumberDuplicate', `EXISTS (SELECT 1 FROM people.import_quarantine q
      WHERE q.raw->>'id_number' = p.id_number AND coalesce(q.record_id, q.raw->>'person_id', '') <> p.id AND q.purged_at IS NULL AND q.status = 'QUARANTINED')`),
  sinceRange: currentResidences('sinceRange', () => sql`r.since > current_date OR r.since < p.birth_date`),
  addressCommunity: currentResidences('addressCommunity', (c) => unknownCommunity('r.address_code', c)),
  /** Current residences by link precision; bad: coarser than a building. */
  linkage: (c) => sql`/* quality.people.linkage */
    SELECT ${communityOf('address_code')} AS community, '' AS segment, count(*) AS total,
           count(*) FILTER (WHERE length(address_code) < 19) AS bad, NULL::float8 AS value, ${linkParts('address_code')}
    FROM people.residence WHERE until IS NULL AND ${c.within('address_code')}
    GROUP BY 1 ORDER BY 1`,
  /** Days since the newest change to a person or a residence, per community. */
  freshness: (c) => sql`/* quality.people.freshness */
    SELECT ${communityOf('r.code')} AS community, '' AS segment, count(*) AS total, NULL::bigint AS bad,
           extract(epoch FROM now() - max(greatest(p.updated_at, r.changed))) / 86400 AS value
    FROM people.person p
    LEFT JOIN (SELECT person_id, coalesce(min(address_code) FILTER (WHERE until IS NULL), max(address_code)) AS code, max(updated_at) AS changed
               FROM people.residence WHERE ${c.within('address_code')} GROUP BY person_id) r ON r.person_id = p.id
    WHERE ${c.within('r.code')}
    GROUP BY 1 ORDER BY 1`,
  volume: persons('volume', 'false'),
} satisfies Record<string, Statement>;
