/** Data-quality statements of the events schema (events.event); they read nothing else. */
import { raw, sql, type Fragment } from '../../lib/sql.ts';
import { communityOf, linkParts, unknownCommunity, shareByCommunity, where, type Statement, type StatementContext } from '../statement.ts';

/** Events grouped by community: total and those for which `bad` holds. */
const events = (label: string, bad: (c: StatementContext) => Fragment) =>
  shareByCommunity(`events.${label}`, 'e.address_code', (c) => sql`events.event e WHERE ${c.within('e.address_code')}`, bad);

export const EVENTS_STATEMENTS = {
  resolvedAtMissing: events('resolvedAtMissing', where("e.status IN ('RESOLVED', 'CLOSED') AND e.resolved_at IS NULL")),
  descriptionBlank: events('descriptionBlank', where("btrim(e.description) = ''")),
  reportedAtRange: events('reportedAtRange', where("e.reported_at < TIMESTAMPTZ '2000-01-01 00:00+08' OR e.reported_at > now() + interval '1 day'")),
  addressCommunity: events('addressCommunity', (c) => unknownCommunity('e.address_code', c)),
  /** The same report twice: another event of the same kind at the same address at the same instant. */
  duplicateReport: events('duplicateReport', where(`EXISTS (SELECT 1 FROM events.event d
      WHERE d.address_code = e.address_code AND d.reported_at = e.reported_at AND d.kind = e.kind AND d.id <> e.id)`)),
  linkage: (c) => sql`/* quality.events.linkage */
    SELECT ${communityOf('address_code')} AS community, '' AS segment, count(*) AS total,
           count(*) FILTER (WHERE length(address_code) < 19) AS bad, NULL::float8 AS value, ${linkParts('address_code')}
    FROM events.event WHERE ${c.within('address_code')}
    GROUP BY 1 ORDER BY 1`,
  /** Days since the newest change to an event, per community and per source (hotline, patrol, sensor...). */
  freshness: (c) => sql`/* quality.events.freshness */
    SELECT ${communityOf('address_code')} AS community, source AS segment, count(*) AS total, NULL::bigint AS bad,
           extract(epoch FROM now() - max(updated_at)) / 86400 AS value
    FROM events.event WHERE ${c.within('address_code')}
    GROUP BY 1, 2 ORDER BY 1, 2`,
  volume: events('volume', where('false')),
} satisfies Record<string, Statement>;
